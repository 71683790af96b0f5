package uk.gov.council.cap.server.callbacks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import uk.gov.council.cap.server.sites.Site;

/**
 * The times a resident may choose for a call back: the site's opening hours over the next days, cut
 * into mornings, afternoons and evenings, and never before 08:00 or after 20:00 (an all-hours site
 * does not mean the council rings at night). Worked out from the server's clock in the site's time
 * zone, not the kiosk's. A part shorter than an hour is not offered; today's parts start no sooner
 * than {@link #NOTICE_MINUTES} from now.
 */
final class CallbackSlots {
  static final int CALL_FROM = 8 * 60;
  static final int CALL_UNTIL = 20 * 60;
  static final int SHORTEST_MINUTES = 60;
  static final int NOTICE_MINUTES = 30;
  private static final int[][] PARTS = {{0, 12 * 60}, {12 * 60, 17 * 60}, {17 * 60, 24 * 60}};
  private static final String[] PART_NAMES = {"morning", "afternoon", "evening"};

  private CallbackSlots() {}

  /** Today and the next {@code daysAhead} days. */
  static List<CallbackSlot> offered(Site site, Instant now, int daysAhead) {
    ZoneId zone = site.timeZone();
    ZonedDateTime local = now.atZone(zone);
    LocalDate today = local.toLocalDate();
    int earliestToday = local.getHour() * 60 + local.getMinute() + NOTICE_MINUTES;
    earliestToday = (earliestToday + 14) / 15 * 15;
    List<CallbackSlot> slots = new ArrayList<>();
    for (int d = 0; d <= daysAhead; d++) {
      LocalDate date = today.plusDays(d);
      for (int[] span : site.openingHours().spansOn(date.getDayOfWeek())) {
        int from = Math.max(span[0], CALL_FROM);
        int to = Math.min(span[1], CALL_UNTIL);
        for (int p = 0; p < PARTS.length; p++) {
          int s = Math.max(from, PARTS[p][0]);
          int e = Math.min(to, PARTS[p][1]);
          if (d == 0) {
            s = Math.max(s, earliestToday);
          }
          if (e - s >= SHORTEST_MINUTES) {
            slots.add(
                new CallbackSlot(
                    at(date, s, zone), at(date, e, zone), dayWord(d, date), PART_NAMES[p]));
          }
        }
      }
    }
    return List.copyOf(slots);
  }

  private static ZonedDateTime at(LocalDate date, int minute, ZoneId zone) {
    return date.atTime(minute / 60, minute % 60).atZone(zone);
  }

  private static String dayWord(int d, LocalDate date) {
    return d == 0
        ? "today"
        : d == 1 ? "tomorrow" : date.getDayOfWeek().name().toLowerCase(Locale.ROOT);
  }
}
