package uk.gov.council.cap.server.incall;

/** Who is in a connected call, and the case it was opened on. */
public record CallParties(
    String callId,
    String caseId,
    String caseReference,
    String kioskId,
    String kioskName,
    String advisorId) {}
