package uk.gov.council.cap.server.forms;

import java.time.Instant;
import java.util.Map;

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
  public enum Status {
    OPEN,
    PAUSED,
    COMPLETED
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
}
