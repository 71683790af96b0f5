package uk.gov.council.cap.server.callbacks;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.protocol.ProtocolCodec;
import uk.gov.council.cap.server.kiosks.Kiosk;
import uk.gov.council.cap.server.signalling.KioskSocketHandler;
import uk.gov.council.cap.server.signalling.Peer;
import uk.gov.council.cap.server.sites.Site;
import uk.gov.council.cap.server.sites.SiteRepository;

/**
 * The kiosk's side of call backs: {@code callback.slots} (the times and themes it may offer) and
 * {@code callback.request} (book one). Both come on the kiosk's socket, already checked against
 * their schemas at the edge; the kiosk may have no advisor to talk to, but it is connected to the
 * server. A booking is one short transaction, so it runs on the socket's own thread.
 */
public final class CallbackDesk implements KioskSocketHandler {
  private final ProtocolCodec codec;
  private final SiteRepository sites;
  private final CallbackBooking booking;
  private final Duration offerAfter;

  CallbackDesk(
      ProtocolCodec codec, SiteRepository sites, CallbackBooking booking, Duration offerAfter) {
    this.codec = codec;
    this.sites = sites;
    this.booking = booking;
    this.offerAfter = offerAfter;
  }

  @Override
  public void kioskConnected(Kiosk kiosk, Peer peer) {}

  @Override
  public void kioskDisconnected(Kiosk kiosk, Peer peer, Instant lastHeard) {}

  @Override
  public boolean takesFromKiosk(MessageType type) {
    return type == MessageType.CALLBACK_SLOTS || type == MessageType.CALLBACK_REQUEST;
  }

  @Override
  public void fromKiosk(Kiosk kiosk, Peer peer, Envelope msg) {
    Optional<Site> site = sites.find(kiosk.siteId());
    if (site.isEmpty()) {
      peer.send(
          codec.encode(
              MessageType.CALLBACK_REFUSED,
              Map.of("reason", "unavailable", "message", "This kiosk has no site.")));
      return;
    }
    if (msg.type() == MessageType.CALLBACK_SLOTS) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("slots", booking.slots(site.get()).stream().map(CallbackSlot::wire).toList());
      p.put("themes", CallbackBooking.themes(site.get()));
      p.put("offerAfterSeconds", offerAfter.toSeconds());
      peer.send(codec.encode(MessageType.CALLBACK_SLOTS, p));
      return;
    }
    JsonNode in = msg.payload();
    CallbackBooking.Result result =
        booking.book(
            kiosk,
            site.get(),
            new CallbackBooking.Request(
                text(in, "name"),
                text(in, "phone"),
                text(in, "slot"),
                text(in, "theme"),
                text(in, "language")));
    if (result instanceof CallbackBooking.Booked b) {
      peer.send(
          codec.encode(
              MessageType.CALLBACK_BOOKED,
              Map.of(
                  "reference",
                  b.callback().reference(),
                  "slot",
                  b.slot().wire(),
                  "phoneShown",
                  b.phoneShown())));
    } else if (result instanceof CallbackBooking.Refused r) {
      peer.send(
          codec.encode(
              MessageType.CALLBACK_REFUSED, Map.of("reason", r.reason(), "message", r.message())));
    }
  }

  private static String text(JsonNode in, String field) {
    JsonNode v = in.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
