package uk.gov.council.cap.server.routing;

import java.time.Instant;

/**
 * An advisor's after-call work on one call (ADR 0044): from the call's end until they save its
 * outcome (and then, if a wrap-up time is set, until {@code readyAt}). No calls are offered to them
 * meanwhile.
 *
 * @param answeredAt when the call was answered: handling time runs from here to the wrap-up's end
 * @param readyAt when a saved wrap-up makes the advisor Available; null until the outcome is saved
 */
record WrapUp(String callId, Instant answeredAt, Instant readyAt) {
  static WrapUp after(ActiveCall call) {
    return new WrapUp(call.callId(), call.answeredAt(), null);
  }

  WrapUp readyAt(Instant at) {
    return new WrapUp(callId, answeredAt, at);
  }
}
