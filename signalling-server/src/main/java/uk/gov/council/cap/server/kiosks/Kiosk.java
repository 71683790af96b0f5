package uk.gov.council.cap.server.kiosks;

/** A kiosk enrolled at a site. Its secret is never held here: only a hash, in the repository. */
public record Kiosk(String id, String name, String siteId) {

  public String auditName() {
    return "kiosk:" + id;
  }
}
