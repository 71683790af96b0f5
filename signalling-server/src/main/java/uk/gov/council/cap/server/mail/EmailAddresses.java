package uk.gov.council.cap.server.mail;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checking an address a resident typed on the kiosk, and writing it down only in part: every
 * emailer that takes an address from a resident uses these, so all say the same words.
 */
public final class EmailAddresses {
  private static final Pattern EMAIL =
      Pattern.compile("^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)*\\.[A-Za-z]{2,}$");
  public static final String FORMAT =
      "Enter an email address in the correct format, like name@example.com";

  private EmailAddresses() {}

  /** A plain-words reason the address cannot be used, or null if it looks right. */
  public static String problemWith(String address) {
    if (address == null || address.isBlank()) return "Enter your email address";
    if (address.length() > 254 || !EMAIL.matcher(address.strip()).matches()) return FORMAT;
    return null;
  }

  /** m•••@example.com: enough for the case timeline and the audit, not the address itself. */
  public static String masked(String address) {
    int at = address.indexOf('@');
    return address.substring(0, 1) + "•••" + address.substring(at).toLowerCase(Locale.ROOT);
  }
}
