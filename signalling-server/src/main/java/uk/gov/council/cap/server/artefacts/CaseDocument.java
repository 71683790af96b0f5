package uk.gov.council.cap.server.artefacts;

import java.time.Instant;

/**
 * A file kept on a case. {@code evidenceOf} links evidence (signature strokes) to the document it
 * supports.
 */
public record CaseDocument(
    String id,
    String caseId,
    String kind,
    String title,
    String mediaType,
    long sizeBytes,
    String sha256,
    String storageKey,
    String createdBy,
    Instant createdAt,
    String sourceId,
    String evidenceOf) {}
