package uk.gov.council.cap.server.staff;

import java.util.Set;

/**
 * A member of council staff who signs in to the console. The password hash never leaves the
 * repository.
 *
 * @param themes the enquiry themes they take calls on
 * @param sites the sites whose calls they take (site ids); empty means every site
 * @param languages the languages they speak, as BCP 47 codes ({@code en}, {@code cy}, {@code pl})
 */
public record StaffMember(
    String id,
    String username,
    String displayName,
    Role role,
    Set<String> themes,
    Set<String> sites,
    Set<String> languages) {

  /** Used in the audit log and the case timeline. */
  public String auditName() {
    return "staff:" + username;
  }

  /** Whether they take calls from this site: every site when none are named. */
  public boolean servesSite(String siteId) {
    return sites.isEmpty() || sites.contains(siteId);
  }
}
