package uk.gov.council.cap.server.forms;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A form being filled in during a call, saved after every answer: a resident who walks away
 * mid-form leaves the draft on the case. {@code answeredBy} says who last typed each answer
 * ("resident", or the advisor's name).
 */
public record FormSession(
    String id,
    String caseId,
    String callId,
    String formId,
    int formVersion,
    Status status,
    Map<String, String> answers,
    Map<String, String> answeredBy,
    String startedBy,
    Instant startedAt,
    Instant updatedAt,
    String documentId) {

  /**
   * Where a form is. Saved, so a form being signed is still being signed after a restart; {@link
   * FormSessionRepository#transition} refuses any move this table does not allow.
   */
  public enum Status {
    /** On the kiosk, being filled in. */
    OPEN,
    /** A draft on the case: paused by the advisor, another form sent, or the call ended. */
    PAUSED,
    /** Signed; the sealed record is being made. Its answers can no longer change. */
    SIGNING,
    /** Sealed and stored on the case. */
    COMPLETED;

    public boolean canMoveTo(Status next) {
      return switch (this) {
        case OPEN -> next == PAUSED || next == SIGNING;
        case PAUSED -> next == OPEN;
        // Back to OPEN when sealing failed: nothing was stored and the resident signs again.
        case SIGNING -> next == COMPLETED || next == OPEN;
        case COMPLETED -> false;
      };
    }

    /** Shown on the kiosk in a call (and sent again when a screen comes back). */
    static final Set<Status> LIVE = Set.of(OPEN, SIGNING);
  }

  boolean isIn(String callId) {
    return this.callId.equals(callId);
  }

  FormSession with(Status newStatus, Instant at) {
    return new FormSession(
        id,
        caseId,
        callId,
        formId,
        formVersion,
        newStatus,
        answers,
        answeredBy,
        startedBy,
        startedAt,
        at,
        documentId);
  }

  FormSession withAnswers(Map<String, String> newAnswers, Map<String, String> by, Instant at) {
    return new FormSession(
        id,
        caseId,
        callId,
        formId,
        formVersion,
        status,
        newAnswers,
        by,
        startedBy,
        startedAt,
        at,
        documentId);
  }
}
