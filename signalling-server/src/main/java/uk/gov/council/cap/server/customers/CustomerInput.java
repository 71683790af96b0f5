package uk.gov.council.cap.server.customers;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import uk.gov.council.cap.server.web.ApiError;

/** What an advisor types to create a customer, and its validation with GOV.UK-style messages. */
public record CustomerInput(
    String firstName,
    String lastName,
    String dateOfBirth,
    String addressLine1,
    String addressLine2,
    String town,
    String postcode,
    String phone,
    String email,
    Boolean confirmNotDuplicate) {
  private static final Pattern POSTCODE =
      Pattern.compile("^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()-]{7,20}$");

  /**
   * Returns a cleaned copy (trimmed, postcode normalised) or throws a 400 with a message per field.
   */
  public CustomerInput validated(LocalDate today) {
    Map<String, String> errors = new LinkedHashMap<>();
    String first = clean(firstName);
    String last = clean(lastName);
    if (first == null) {
      errors.put("firstName", "Enter a first name");
    } else if (first.length() > 100) {
      errors.put("firstName", "First name must be 100 characters or fewer");
    }
    if (last == null) {
      errors.put("lastName", "Enter a last name");
    } else if (last.length() > 100) {
      errors.put("lastName", "Last name must be 100 characters or fewer");
    }
    String dob = clean(dateOfBirth);
    if (dob != null) {
      try {
        LocalDate d = LocalDate.parse(dob);
        if (!d.isBefore(today)) {
          errors.put("dateOfBirth", "Date of birth must be in the past");
        } else if (d.isBefore(today.minusYears(130))) {
          errors.put("dateOfBirth", "Date of birth must be a real date");
        }
      } catch (DateTimeParseException e) {
        errors.put("dateOfBirth", "Date of birth must be a real date, like 1985-12-10");
      }
    }
    String pc = clean(postcode);
    if (pc != null) {
      pc = pc.toUpperCase(Locale.ROOT).replaceAll("\\s+", "");
      if (!POSTCODE.matcher(pc).matches()) {
        errors.put("postcode", "Enter a real postcode, like MK45 2AA");
      } else {
        pc = pc.substring(0, pc.length() - 3) + " " + pc.substring(pc.length() - 3);
      }
    }
    String em = clean(email);
    if (em != null && (em.length() > 254 || !EMAIL.matcher(em).matches())) {
      errors.put("email", "Enter an email address in the correct format, like name@example.com");
    }
    String ph = clean(phone);
    if (ph != null && !PHONE.matcher(ph).matches()) {
      errors.put("phone", "Enter a telephone number, like 01632 960 001");
    }
    String a1 = clean(addressLine1);
    String a2 = clean(addressLine2);
    String tw = clean(town);
    for (Map.Entry<String, String> e :
        Map.of("addressLine1", nz(a1), "addressLine2", nz(a2), "town", nz(tw)).entrySet()) {
      if (e.getValue().length() > (e.getKey().equals("town") ? 100 : 200)) {
        errors.put(e.getKey(), "This line of the address is too long");
      }
    }
    if (!errors.isEmpty()) {
      throw new ApiError(400, "There is a problem with the customer's details", errors);
    }
    return new CustomerInput(
        first,
        last,
        dob,
        a1,
        a2,
        tw,
        pc,
        ph,
        em == null ? null : em.toLowerCase(Locale.ROOT),
        confirmNotDuplicate);
  }

  private static String clean(String s) {
    if (s == null) {
      return null;
    }
    String t = s.strip();
    return t.isEmpty() ? null : t;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
