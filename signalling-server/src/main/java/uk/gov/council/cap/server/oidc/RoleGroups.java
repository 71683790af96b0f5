package uk.gov.council.cap.server.oidc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.gov.council.cap.server.staff.Role;

/**
 * Which of the provider's groups (or app roles) give which role here, from {@code
 * CAP_OIDC_ROLE_GROUPS} ({@code ADVISOR=<group>,SUPERVISOR=<group>,...}). Someone in several mapped
 * groups gets the most senior of their roles, in the order of {@link #SENIORITY}: ADMIN, then
 * SUPERVISOR (an advisor's work and more), then TECHNICIAN, then ADVISOR. Someone in none is
 * refused.
 */
public final class RoleGroups {
  /** Most senior first. */
  static final List<Role> SENIORITY =
      List.of(Role.ADMIN, Role.SUPERVISOR, Role.TECHNICIAN, Role.ADVISOR);

  private final Map<String, Role> byGroup;

  private RoleGroups(Map<String, Role> byGroup) {
    this.byGroup = byGroup;
  }

  /** Reads the setting; a role or pair it cannot read stops the server starting, naming it. */
  public static RoleGroups parse(String setting) {
    Map<String, Role> byGroup = new LinkedHashMap<>();
    for (String pair : setting.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String role = eq < 0 ? "" : pair.substring(0, eq).trim();
      String group = eq < 0 ? "" : pair.substring(eq + 1).trim();
      if (role.isEmpty() || group.isEmpty()) {
        throw new IllegalArgumentException(
            "CAP_OIDC_ROLE_GROUPS: \"" + pair.trim() + "\" is not ROLE=group");
      }
      Role r;
      try {
        r = Role.valueOf(role.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "CAP_OIDC_ROLE_GROUPS: \""
                + role
                + "\" is not one of ADVISOR, SUPERVISOR, TECHNICIAN, ADMIN");
      }
      Role before = byGroup.put(group, r);
      if (before != null && before != r) {
        throw new IllegalArgumentException(
            "CAP_OIDC_ROLE_GROUPS: group \"" + group + "\" is given two roles");
      }
    }
    if (byGroup.isEmpty()) {
      throw new IllegalArgumentException("CAP_OIDC_ROLE_GROUPS maps no group to a role");
    }
    return new RoleGroups(byGroup);
  }

  /** The most senior role any of {@code groups} gives, or empty when none is mapped. */
  public Optional<Role> roleFor(Collection<String> groups) {
    List<Role> given = new ArrayList<>();
    for (String g : groups) {
      Role r = byGroup.get(g);
      if (r != null) {
        given.add(r);
      }
    }
    return SENIORITY.stream().filter(given::contains).findFirst();
  }
}
