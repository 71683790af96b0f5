package uk.gov.council.cap.server.sites;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import uk.gov.council.cap.server.web.ApiError;

/** A site's settings as an administrator sends them, and their validation. */
public record SiteInput(
    String name,
    String phone,
    String timeZone,
    String openingHours,
    List<String> themes,
    List<String> enquiryThemes,
    Integer idleTimeoutSeconds,
    String address) {
  private static final Pattern THEME = Pattern.compile("^[a-z0-9][a-z0-9-]{0,63}$");
  private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()-]{7,20}$");

  /** The site with these settings, or a 400 with a message per field. */
  public Site toSite(String id) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (name == null || name.isBlank() || name.length() > 200) {
      errors.put("name", "Enter the site's name (200 characters at most)");
    }
    if (phone == null || !PHONE.matcher(phone.strip()).matches()) {
      errors.put("phone", "Enter the phone number residents should call, like 01632 960 000");
    }
    ZoneId zone = ZoneId.of("Europe/London");
    try {
      if (timeZone != null && !timeZone.isBlank()) {
        zone = ZoneId.of(timeZone);
      }
    } catch (DateTimeException e) {
      errors.put("timeZone", "Enter a time zone like Europe/London");
    }
    OpeningHours hours = null;
    try {
      hours = OpeningHours.parse(openingHours == null ? "" : openingHours);
    } catch (IllegalArgumentException e) {
      errors.put("openingHours", e.getMessage());
    }
    List<String> siteThemes = themes == null || themes.isEmpty() ? List.of("general") : themes;
    List<String> choice = enquiryThemes == null ? List.of() : enquiryThemes;
    if (siteThemes.stream().anyMatch(t -> !THEME.matcher(t).matches())
        || choice.stream().anyMatch(t -> !THEME.matcher(t).matches())) {
      errors.put("themes", "Themes are short lower-case words with hyphens, like council-tax");
    }
    int idle = idleTimeoutSeconds == null ? 120 : idleTimeoutSeconds;
    if (idle < 15 || idle > 3600) {
      errors.put("idleTimeoutSeconds", "The idle time must be between 15 seconds and 1 hour");
    }
    if (address != null && address.length() > 500) {
      errors.put("address", "The address must be 500 characters or fewer");
    }
    if (!errors.isEmpty()) {
      throw new ApiError(400, "There is a problem with the site's settings", errors);
    }
    return new Site(
        id,
        name.strip(),
        phone.strip(),
        zone,
        hours,
        siteThemes,
        choice,
        idle,
        address == null ? "" : address.strip());
  }
}
