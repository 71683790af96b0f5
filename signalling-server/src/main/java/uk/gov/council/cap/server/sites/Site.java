package uk.gov.council.cap.server.sites;

import java.time.ZoneId;
import java.util.List;

/**
 * A place with kiosks, such as a library.
 *
 * @param themes the enquiry themes handled for this site; the first is the default for its calls
 * @param enquiryThemes themes the resident may choose between at the kiosk; empty means no choice
 *     is offered
 * @param address where the site is, for technicians (may be empty)
 */
public record Site(
    String id,
    String name,
    String phone,
    ZoneId timeZone,
    OpeningHours openingHours,
    List<String> themes,
    List<String> enquiryThemes,
    int idleTimeoutSeconds,
    String address) {

  public String defaultTheme() {
    return themes.isEmpty() ? "general" : themes.get(0);
  }
}
