package uk.gov.council.cap.server.routing;

/** Who is in a connected call, and the case it belongs to. */
public record CallParties(
    String callId,
    String caseId,
    String caseReference,
    String kioskId,
    String kioskName,
    String advisorId) {
  static CallParties of(ActiveCall call) {
    QueueEntry e = call.entry();
    return new CallParties(
        e.callId, e.caseId, e.caseReference, e.kioskId, e.kioskName, call.advisorId());
  }
}
