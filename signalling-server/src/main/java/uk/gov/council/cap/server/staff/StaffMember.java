package uk.gov.council.cap.server.staff;

import java.util.Set;

/**
 * A member of council staff who signs in to the console. The password hash never leaves the
 * repository.
 */
public record StaffMember(
    String id, String username, String displayName, Role role, Set<String> themes) {

  /** Used in the audit log and the case timeline. */
  public String auditName() {
    return "staff:" + username;
  }
}
