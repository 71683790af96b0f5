package uk.gov.council.cap.server.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.protocol.ProtocolCodec;
import uk.gov.council.cap.server.Clock;

/**
 * Offers waiting calls to advisors, oldest call first, to the advisor the {@link RoutingRule}
 * chooses; takes offers back when they lapse, are declined or their advisor goes. Touched only on
 * the desk's thread.
 */
final class Router {
  private final RoutingRule rule;
  private final List<QueueEntry> queue;
  private final Advisors advisors;
  private final CallLedger ledger;
  private final ProtocolCodec codec;
  private final Clock clock;
  private final Duration offerTimeout;

  Router(
      RoutingRule rule,
      List<QueueEntry> queue,
      Advisors advisors,
      CallLedger ledger,
      ProtocolCodec codec,
      Clock clock,
      Duration offerTimeout) {
    this.rule = rule;
    this.queue = queue;
    this.advisors = advisors;
    this.ledger = ledger;
    this.codec = codec;
    this.clock = clock;
    this.offerTimeout = offerTimeout;
  }

  /** Offers every waiting call that has a free advisor who serves it, oldest call first. */
  void dispatch() {
    for (QueueEntry entry : queue) {
      if (!entry.isOffered()) {
        rule.choose(entry, advisors.freeFor(entry)).ifPresent(a -> offer(entry, a));
      }
    }
  }

  /** Takes back offers nobody answered in time; true if there were any. */
  boolean expireOffers(Instant now) {
    boolean any = false;
    for (QueueEntry e : new ArrayList<>(queue)) {
      if (e.isOffered() && !now.isBefore(e.offerExpiresAt)) {
        withdrawOffer(e, "expired", true);
        any = true;
      }
    }
    return any;
  }

  private void offer(QueueEntry entry, AdvisorPresence advisor) {
    Instant now = clock.now();
    entry.offeredTo = advisor.staff.id();
    entry.offerExpiresAt = now.plus(offerTimeout);
    advisor.offeredCallId = entry.callId;
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("callId", entry.callId);
    p.put("caseId", entry.caseId);
    p.put("caseReference", entry.caseReference);
    p.put("kioskName", entry.kioskName);
    p.put("siteName", entry.siteName);
    p.put("theme", entry.theme);
    p.put("language", entry.language);
    p.put("textFirst", entry.textFirst);
    p.put("queuedAt", entry.queuedAt.toString());
    p.put("expiresInSeconds", offerTimeout.toSeconds());
    advisor.peer.send(codec.encode(MessageType.CALL_OFFER, p));
  }

  /**
   * Takes an offer back; the call keeps its place. An advisor who let an offer lapse or declined it
   * is set Away, so the next resident is not offered to an empty chair.
   */
  void withdrawOffer(QueueEntry entry, String reason, boolean setAdvisorAway) {
    if (!entry.isOffered()) {
      return;
    }
    AdvisorPresence a = advisors.get(entry.offeredTo);
    entry.clearOffer();
    if (a != null) {
      a.offeredCallId = null;
      a.peer.send(
          codec.encode(
              MessageType.CALL_OFFER_WITHDRAWN, Map.of("callId", entry.callId, "reason", reason)));
      if (setAdvisorAway) {
        a.status = AdvisorStatus.AWAY;
        ledger.declined(entry, a.staff, reason);
        advisors.sendState(a);
      }
    }
  }
}
