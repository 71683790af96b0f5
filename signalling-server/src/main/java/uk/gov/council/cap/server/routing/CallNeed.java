package uk.gov.council.cap.server.routing;

/**
 * What a resident's call needs of an advisor: where it comes from, what it is about, and the
 * language the resident chose on the kiosk (null when unknown). The rule asks this, not the theme
 * alone, so skills beyond themes (the sites an advisor covers; a language, issue 16) decide who
 * serves it.
 */
record CallNeed(String siteId, String theme, String language) {
  /** The enquiry and site alone, for "is anyone signed in who serves this?". */
  CallNeed(String siteId, String theme) {
    this(siteId, theme, null);
  }
}
