package uk.gov.council.cap.devices.scanner;

/**
 * One page as the scanner produced it: JPEG bytes at a known resolution, never re-encoded
 * afterwards.
 */
public record ScannedImage(byte[] jpeg, int dpi) {}
