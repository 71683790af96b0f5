package uk.gov.council.cap.server.staffadmin;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a new password must be (OWASP ASVS 4.0 section 2.1): at least 12 characters and at most 128,
 * any characters at all (spaces and emoji included, nothing trimmed, no rules about character
 * kinds), and not one of the passwords people choose most often. Length is counted in code points,
 * so a password of emoji is measured as the person typed it.
 */
public final class PasswordRules {
  static final int MIN = 12;
  static final int MAX = 128;

  // Passwords of 12 or more characters that lead the published lists of breached passwords; the
  // shorter favourites are refused by length already. Compared without case.
  private static final Set<String> COMMON =
      Set.of(
          "123456789012",
          "1234567890123",
          "12345678910",
          "123456123456",
          "111111111111",
          "000000000000",
          "123123123123",
          "qwertyuiopas",
          "qwertyuiop123",
          "qwerty123456",
          "1q2w3e4r5t6y",
          "1qaz2wsx3edc",
          "zaq12wsxcde3",
          "asdfghjkl123",
          "password1234",
          "password123!",
          "password12345",
          "passwordpassword",
          "iloveyou1234",
          "letmein12345",
          "welcome12345",
          "welcome123456",
          "changeme1234",
          "administrator",
          "abcdefghijkl",
          "abc123abc123",
          "football1234",
          "sunshine1234",
          "princess1234",
          "monkey123456",
          "trustno1trustno1",
          "correcthorsebatterystaple",
          "correct horse battery staple");

  private PasswordRules() {}

  /** Why this password will not do, in plain words; empty if it will. */
  public static Optional<String> problem(String password, String username) {
    if (password == null || password.isEmpty()) {
      return Optional.of("Enter a password");
    }
    int length = password.codePointCount(0, password.length());
    if (length < MIN) {
      return Optional.of("Your password must be at least " + MIN + " characters long");
    }
    if (length > MAX) {
      return Optional.of("Your password must be " + MAX + " characters or fewer");
    }
    String lower = password.toLowerCase(Locale.ROOT);
    if (COMMON.contains(lower)) {
      return Optional.of(
          "That password is one of the most common and easily guessed. Choose another");
    }
    if (username != null && lower.contains(username.toLowerCase(Locale.ROOT))) {
      return Optional.of("Your password must not contain your username");
    }
    return Optional.empty();
  }
}
