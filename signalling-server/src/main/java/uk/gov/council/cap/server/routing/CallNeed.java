package uk.gov.council.cap.server.routing;

import java.time.Duration;

/**
 * What a resident's call needs of an advisor: where it comes from, what it is about, the language
 * the resident chose on the kiosk (null when unknown), how long it has waited (overflow), and the
 * one advisor it is meant for, if any (a parked or passed call; null for anyone). The rules ask
 * this, not the theme alone, so skills beyond themes decide who serves it.
 */
record CallNeed(
    String siteId, String theme, String language, Duration waited, String targetAdvisorId) {
  /** The enquiry and site alone, for "is anyone signed in who serves this?". */
  CallNeed(String siteId, String theme) {
    this(siteId, theme, null, Duration.ZERO, null);
  }
}
