package uk.gov.council.cap.server.routing;

/**
 * What a resident's call needs of an advisor: where it comes from and what it is about. The rule
 * asks this, not the theme alone, so skills beyond themes (the sites an advisor covers; a language,
 * issue 16) decide who serves it.
 */
record CallNeed(String siteId, String theme) {}
