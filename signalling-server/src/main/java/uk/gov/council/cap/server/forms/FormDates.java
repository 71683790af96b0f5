package uk.gov.council.cap.server.forms;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** Dates in answers are ISO (2026-03-27); people read them as "27 March 2026". */
final class FormDates {
  private static final DateTimeFormatter WORDS =
      DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

  private FormDates() {}

  static Optional<LocalDate> parse(String iso) {
    try {
      return Optional.of(LocalDate.parse(iso));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  static String inWords(String iso) {
    return parse(iso).map(WORDS::format).orElse(iso);
  }
}
