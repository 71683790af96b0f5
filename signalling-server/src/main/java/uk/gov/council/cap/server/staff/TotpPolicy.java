package uk.gov.council.cap.server.staff;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which roles must use two-step verification when they sign in with a password ({@code
 * CAP_TOTP_REQUIRED_ROLES}). People signing in through the council's identity provider are not
 * asked: that provider's own multi-factor authentication applies to them.
 */
public final class TotpPolicy {
  private final Set<Role> required;

  private TotpPolicy(Set<Role> required) {
    this.required = required;
  }

  /** From role names in any case; an unknown name stops the server with the names it knows. */
  public static TotpPolicy requiring(List<String> roleNames) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String name : roleNames) {
      try {
        roles.add(Role.valueOf(name.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(
            "CAP_TOTP_REQUIRED_ROLES names "
                + name
                + ", which is not a role: use any of "
                + List.of(Role.values()),
            e);
      }
    }
    return new TotpPolicy(roles);
  }

  public boolean requires(Role role) {
    return required.contains(role);
  }
}
