package uk.gov.council.cap.server.callbacks;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A time a resident may choose to be called back in: part of one day at the site, in the site's
 * time zone.
 *
 * @param day {@code today}, {@code tomorrow} or the weekday in English lower case
 * @param part {@code morning}, {@code afternoon} or {@code evening}
 */
record CallbackSlot(ZonedDateTime start, ZonedDateTime end, String day, String part) {
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  /** What the kiosk sends back to choose this slot: its start as an instant. */
  String id() {
    return start.toInstant().toString();
  }

  /**
   * For staff and the case timeline, in English: "Thursday 3 December, morning, 09:00 to 12:00".
   */
  String text() {
    return start.format(DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.UK))
        + ", "
        + part
        + ", "
        + start.format(HH_MM)
        + " to "
        + end.format(HH_MM);
  }

  /** The parts the kiosk words in the resident's language. */
  Map<String, Object> wire() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id());
    m.put("start", start.toOffsetDateTime().toString());
    m.put("end", end.toOffsetDateTime().toString());
    m.put("date", start.toLocalDate().toString());
    m.put("day", day);
    m.put("part", part);
    m.put("from", start.format(HH_MM));
    m.put("to", end.format(HH_MM));
    return m;
  }
}
