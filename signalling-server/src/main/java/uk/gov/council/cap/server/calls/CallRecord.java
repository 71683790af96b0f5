package uk.gov.council.cap.server.calls;

import java.time.Instant;

/** One contact as stored: a resident's call from a kiosk. Nullable fields are not yet known. */
public record CallRecord(
    String id,
    String caseId,
    String kioskId,
    String theme,
    CallState state,
    Instant queuedAt,
    Instant answeredAt,
    Instant endedAt,
    String advisorId,
    String endReason,
    Outcome outcome,
    String notes,
    String language) {}
