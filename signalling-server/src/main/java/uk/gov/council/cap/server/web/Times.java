package uk.gov.council.cap.server.web;

import java.time.Instant;

/** Instants on the wire: ISO-8601 in UTC, or null. */
public final class Times {
  private Times() {}

  public static String iso(Instant at) {
    return at == null ? null : at.toString();
  }
}
