package uk.gov.council.cap.server.staffadmin;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.web.ApiError;

/**
 * The administration page's forms as they arrive, and their checks: every field has a limit, and
 * every refusal names its field in plain words, as the page's error summary shows them.
 */
final class StaffForm {
  static final int USERNAME_MIN = 3;
  static final int USERNAME_MAX = 64;
  static final int NAME_MAX = 100;
  static final int REASON_MAX = 500;
  static final int LIST_MAX = 50;
  // Lower case letters, digits and . _ - @ (an email address as username works for the council's
  // identity provider later), starting with a letter or digit.
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]*");

  private StaffForm() {}

  /** A new member of staff. */
  record NewStaff(
      String username,
      String displayName,
      String role,
      List<String> themes,
      List<String> sites,
      List<String> languages,
      String signIn,
      String reason) {
    /** How a new member of staff will sign in: {@code council} (their council account) or not. */
    static final String COUNCIL = "council";

    boolean byCouncil() {
      return COUNCIL.equals(signIn);
    }
  }

  /** A change to someone: their name, role and skills. The username never changes. */
  record Change(
      String displayName,
      String role,
      List<String> themes,
      List<String> sites,
      List<String> languages,
      String reason) {}

  /** Turning off, turning on, or a password link: only why. */
  record Why(String reason) {}

  /** Checked values; built only by {@link Checker#done}. */
  record Details(
      String displayName,
      Role role,
      Set<String> themes,
      Set<String> sites,
      Set<String> languages) {}

  /** Collects every field's problem, so the person sees them all at once. */
  static final class Checker {
    private final Map<String, String> errors = new LinkedHashMap<>();

    String username(String raw) {
      String u = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
      if (u.isEmpty()) {
        errors.put("username", "Enter a username");
      } else if (u.length() < USERNAME_MIN || u.length() > USERNAME_MAX) {
        errors.put(
            "username",
            "Username must be between "
                + USERNAME_MIN
                + " and "
                + USERNAME_MAX
                + " characters long");
      } else if (!USERNAME.matcher(u).matches()) {
        errors.put(
            "username",
            "Username must use only letters, numbers, full stops, hyphens, underscores and @,"
                + " and start with a letter or number");
      }
      return u;
    }

    String displayName(String raw) {
      String n = raw == null ? "" : raw.strip();
      if (n.isEmpty()) {
        errors.put("displayName", "Enter the person's full name");
      } else if (n.length() > NAME_MAX) {
        errors.put("displayName", "Full name must be " + NAME_MAX + " characters or fewer");
      } else if (n.chars().anyMatch(Character::isISOControl)) {
        errors.put("displayName", "Full name must not contain control characters");
      }
      return n;
    }

    Role role(String raw) {
      if (raw == null || raw.isBlank()) {
        errors.put("role", "Select a role");
        return null;
      }
      try {
        return Role.valueOf(raw.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        errors.put("role", "Select a role from the list");
        return null;
      }
    }

    Set<String> choices(String field, String what, List<String> raw, Predicate<String> known) {
      Set<String> out = new LinkedHashSet<>();
      if (raw == null) {
        return out;
      }
      if (raw.size() > LIST_MAX) {
        errors.put(field, "Select at most " + LIST_MAX + " " + what);
        return out;
      }
      for (String item : raw) {
        if (item == null || item.length() > 64 || !known.test(item)) {
          errors.put(field, "Select " + what + " from the list only");
          return out;
        }
        out.add(item);
      }
      return out;
    }

    String reason(String raw) {
      String r = raw == null ? "" : raw.strip();
      if (r.isEmpty()) {
        errors.put("reason", "Enter the reason for this change");
      } else if (r.length() > REASON_MAX) {
        errors.put("reason", "Reason must be " + REASON_MAX + " characters or fewer");
      } else if (r.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r')) {
        errors.put("reason", "Reason must not contain control characters");
      }
      return r;
    }

    void problem(String field, String message) {
      errors.putIfAbsent(field, message);
    }

    /** Refuses with every problem found, the first as the headline. */
    void done() {
      if (!errors.isEmpty()) {
        throw new ApiError(400, errors.values().iterator().next(), new LinkedHashMap<>(errors));
      }
    }
  }
}
