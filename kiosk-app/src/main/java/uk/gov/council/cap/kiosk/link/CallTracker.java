package uk.gov.council.cap.kiosk.link;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.protocol.ProtocolCodec;

/**
 * What the kiosk knows about its resident's call, learnt from the server's messages, so that
 * neither a dropped link nor a reloaded screen loses the resident: a queued call is re-queued in
 * its old place, and a connected call is rejoined (the server pauses it and waits) as soon as both
 * the link and a screen are back.
 */
public final class CallTracker {
  private enum State {
    IDLE,
    QUEUED,
    IN_CALL
  }

  private final ProtocolCodec codec;
  private final Consumer<String> toScreen;
  private final Consumer<String> toServer;
  private final IntSupplier screens;
  private State state = State.IDLE;
  private String callId;
  private boolean linkUp;

  /**
   * @param toScreen sends to every connected screen
   * @param toServer sends to the server (dropped while the link is down)
   * @param screens how many screens are connected now
   */
  public CallTracker(
      ProtocolCodec codec,
      Consumer<String> toScreen,
      Consumer<String> toServer,
      IntSupplier screens) {
    this.codec = codec;
    this.toScreen = toScreen;
    this.toServer = toServer;
    this.screens = screens;
  }

  /** Watches a message from the server on its way to the screen. */
  public synchronized void observe(Envelope m) {
    JsonNode p = m.payload();
    switch (m.type()) {
      case CALL_QUEUED -> {
        state = State.QUEUED;
        callId = p.path("callId").asText();
      }
      case CALL_CONNECTED -> {
        state = State.IN_CALL;
        callId = p.path("callId").asText();
      }
      case CALL_PAUSED -> {
        if ("kiosk".equals(p.path("party").asText())) {
          // The server is holding our call for us (we restarted, or our network dropped): rejoin
          // when we can.
          state = State.IN_CALL;
          callId = p.path("callId").asText();
          rejoinIfReady();
        }
      }
      case CALL_ENDED, CALL_UNAVAILABLE -> {
        if (!p.has("callId") || p.path("callId").asText().equals(callId)) {
          state = State.IDLE;
          callId = null;
        }
      }
      case KIOSK_CONFIG -> {
        // Sent on every connect, with the call the server still holds for this kiosk, if any.
        String held = p.path("activeCallId").asText(null);
        if (state == State.IN_CALL && !callId.equals(held)) {
          toScreen.accept(
              codec.encode(
                  MessageType.CALL_ENDED,
                  Map.of("callId", callId, "reason", "kiosk_disconnected")));
          state = State.IDLE;
          callId = null;
        }
      }
      default -> {
        // Other messages do not change the call's state.
      }
    }
  }

  /** No resident is queued or in a call (device checks and wipes wait for this). */
  public synchronized boolean idle() {
    return state == State.IDLE;
  }

  /**
   * The call in progress, for a screen that has just connected (it shows "Reconnecting…", not
   * Welcome).
   */
  public synchronized Optional<String> callInProgress() {
    return state == State.IN_CALL ? Optional.of(callId) : Optional.empty();
  }

  /**
   * The link dropped. The server holds a connected call for a while, so the screen says we are
   * reconnecting.
   */
  public synchronized void onLinkDown() {
    linkUp = false;
    if (state == State.IN_CALL) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("callId", callId);
      p.put("party", "kiosk");
      p.put("reason", "kiosk_disconnected");
      p.put("resumeWithinSeconds", 0);
      toScreen.accept(codec.encode(MessageType.CALL_PAUSED, p));
    }
  }

  /**
   * The link is back. A resident who was queued is re-queued in their old place; a call waits for
   * call.paused.
   */
  public synchronized void onLinkUp() {
    linkUp = true;
    if (state == State.QUEUED) {
      toServer.accept(codec.encode(MessageType.CALL_REQUEST, Map.of("resumeCallId", callId)));
    }
  }

  /**
   * A screen connected (the page loaded again after a reload or a renderer crash): rejoin the call.
   */
  public synchronized void onScreenConnected() {
    rejoinIfReady();
  }

  /**
   * A screen went away. With none left mid-call, the server is told, so the advisor sees it at
   * once.
   */
  public synchronized void onScreenGone() {
    if (state == State.IN_CALL && linkUp && screens.getAsInt() == 0) {
      toServer.accept(codec.encode(MessageType.CALL_SCREEN_LOST, Map.of("callId", callId)));
    }
  }

  private void rejoinIfReady() {
    if (state == State.IN_CALL && linkUp && screens.getAsInt() > 0) {
      toServer.accept(codec.encode(MessageType.CALL_REJOIN, Map.of("callId", callId)));
    }
  }
}
