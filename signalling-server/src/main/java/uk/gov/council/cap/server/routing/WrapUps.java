package uk.gov.council.cap.server.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Wrap-up then ready (ADR 0044). When a call ends the advisor is Busy in wrap-up; saving the
 * outcome makes them Available again after the wrap-up time (none by default), or Away if they
 * chose "Not ready". An advisor who never saves stays in wrap-up: the desk does not guess that they
 * are ready. Handling time, for the wait estimate, runs from the answer to the wrap-up's end.
 * Touched only on the desk's thread.
 */
final class WrapUps {
  private final Duration wrapUpTime;
  private final Advisors advisors;
  private final CallLedger ledger;
  private final WaitEstimator estimator;
  private final List<Runnable> unwritten = new ArrayList<>();

  WrapUps(Duration wrapUpTime, Advisors advisors, CallLedger ledger, WaitEstimator estimator) {
    this.wrapUpTime = wrapUpTime;
    this.advisors = advisors;
    this.ledger = ledger;
    this.estimator = estimator;
  }

  /**
   * The advisor saved the outcome of their call. True if they are now Available (the desk should
   * offer them the next call). An outcome for another call (a late save of an older one) changes
   * nothing.
   */
  boolean outcomeSaved(AdvisorPresence a, String callId, boolean ready, Instant now) {
    WrapUp w = a.wrapUp;
    if (w == null || !w.callId().equals(callId) || w.readyAt() != null) {
      return false;
    }
    if (!ready) {
      end(a, AdvisorStatus.AWAY, now);
      return false;
    }
    if (wrapUpTime.isZero()) {
      end(a, AdvisorStatus.AVAILABLE, now);
      return true;
    }
    a.wrapUp = w.readyAt(now.plus(wrapUpTime));
    advisors.sendState(a);
    return false;
  }

  /** Saved wrap-ups whose time is up: those advisors are Available. True if there were any. */
  boolean lapse(Instant now) {
    boolean any = false;
    for (AdvisorPresence a : advisors.all()) {
      WrapUp w = a.wrapUp;
      if (w != null && w.readyAt() != null && !now.isBefore(w.readyAt())) {
        end(a, AdvisorStatus.AVAILABLE, now);
        any = true;
      }
    }
    return any;
  }

  /**
   * The advisor chose a status themselves, or left the desk (then {@code chosen} is null): their
   * wrap-up is over and counted, whatever they chose.
   */
  void interrupted(AdvisorPresence a, AdvisorStatus chosen, Instant now) {
    if (a.wrapUp != null) {
      finish(a, chosen == null ? "gone" : chosen.name(), now);
    }
  }

  private void end(AdvisorPresence a, AdvisorStatus next, Instant now) {
    finish(a, next.name(), now);
    a.status = next;
    if (next == AdvisorStatus.AVAILABLE) {
      a.idleSince = now;
    }
    advisors.sendState(a);
  }

  private void finish(AdvisorPresence a, String next, Instant now) {
    WrapUp w = a.wrapUp;
    a.wrapUp = null;
    // A console last heard before the answer (a dead socket found late) counts no time.
    Duration handled =
        now.isBefore(w.answeredAt()) ? Duration.ZERO : Duration.between(w.answeredAt(), now);
    estimator.recordHandled(handled);
    var staff = a.staff;
    unwritten.add(() -> ledger.wrapUpEnded(w.callId(), staff, next, handled));
  }

  /**
   * Audits the wrap-ups ended since last asked. The desk asks once it has offered the next call, so
   * the database write does not hold the offer up (benchmark 10).
   */
  void writeAudit() {
    unwritten.forEach(Runnable::run);
    unwritten.clear();
  }
}
