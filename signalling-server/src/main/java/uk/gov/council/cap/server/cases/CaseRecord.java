package uk.gov.council.cap.server.cases;

import java.time.Instant;

/** A case: everything the council holds about one piece of work for a resident. */
public record CaseRecord(
    String id,
    String reference,
    String customerId,
    CaseStatus status,
    Instant openedAt,
    Instant lastActivityAt,
    String mergedInto) {}
