package uk.gov.council.cap.server.scans;

import java.time.Instant;

/**
 * One uploaded page, held until the scan is accepted. Rotation is kept apart from the bytes, which
 * never change.
 */
public record ScanPage(
    String scanId,
    int pageNo,
    String sha256,
    long sizeBytes,
    int width,
    int height,
    int dpi,
    int rotation,
    String storageKey,
    Instant capturedAt) {}
