package uk.gov.council.cap.server.kiosks;

import java.time.Instant;

/**
 * A kiosk with its history as stored: when it was enrolled, revoked (or null), last seen (or null),
 * its app version.
 */
public record KioskDetails(
    Kiosk kiosk, Instant enrolledAt, Instant revokedAt, Instant lastSeenAt, String appVersion) {

  public boolean revoked() {
    return revokedAt != null;
  }
}
