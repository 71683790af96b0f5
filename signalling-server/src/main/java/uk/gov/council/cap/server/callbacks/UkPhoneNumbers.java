package uk.gov.council.cap.server.callbacks;

import java.util.Optional;

/**
 * UK phone numbers as a resident types them ("07700 900123", "+44 7700 900123", "(020) 7946 0018"),
 * checked and made one form on the server: E.164 ({@code +447700900123}) to keep, and the usual
 * spaced national form to show. Only numbers an advisor may ring from a council line are taken:
 * geographic (01, 02), non-geographic 03, mobiles (071 to 075, 077 to 079) and 0800/0808 freephone.
 * Premium (09), personal (070) and pager (076) numbers are refused: the council must not be made to
 * pay for or be used to ring them.
 */
final class UkPhoneNumbers {
  private UkPhoneNumbers() {}

  /** The number in E.164, or empty when it is not a UK number the council will ring. */
  static Optional<String> normalise(String typed) {
    if (typed == null || typed.length() > 40) {
      return Optional.empty();
    }
    String t = typed.strip().replaceAll("[\\s\\-().]", "");
    String national;
    if (t.startsWith("+44")) {
      national = "0" + dropTrunkZero(t.substring(3));
    } else if (t.startsWith("0044")) {
      national = "0" + dropTrunkZero(t.substring(4));
    } else if (t.startsWith("0")) {
      national = t;
    } else {
      return Optional.empty();
    }
    if (!national.matches("0\\d{10}") || !allowed(national)) {
      return Optional.empty();
    }
    return Optional.of("+44" + national.substring(1));
  }

  // "+44 (0)20 ..." is a common way of writing it: the (0) has already lost its brackets.
  private static String dropTrunkZero(String rest) {
    return rest.startsWith("0") ? rest.substring(1) : rest;
  }

  private static boolean allowed(String n) {
    return n.startsWith("01")
        || n.startsWith("02")
        || n.startsWith("03")
        || (n.startsWith("07") && !n.startsWith("070") && !n.startsWith("076"))
        || n.startsWith("0800")
        || n.startsWith("0808");
  }

  /** The E.164 number as people read it: "07700 900123", "020 7946 0018", "01632 960001". */
  static String display(String e164) {
    String n = "0" + e164.substring(3);
    if (n.startsWith("02")) {
      return n.substring(0, 3) + " " + n.substring(3, 7) + " " + n.substring(7);
    }
    if (n.startsWith("03") || n.startsWith("08")) {
      return n.substring(0, 4) + " " + n.substring(4, 7) + " " + n.substring(7);
    }
    return n.substring(0, 5) + " " + n.substring(5);
  }
}
