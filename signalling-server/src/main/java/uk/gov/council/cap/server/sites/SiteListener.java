package uk.gov.council.cap.server.sites;

/**
 * Told when a site's settings change, so what depends on them (the kiosks' configuration) follows
 * at once. Implemented by the call desk and handed to {@link SiteRoutes} by the composition root.
 */
public interface SiteListener {
  void siteChanged(Site site);
}
