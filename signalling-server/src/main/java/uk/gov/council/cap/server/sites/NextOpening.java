package uk.gov.council.cap.server.sites;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * When a closed site opens next, as the kiosk tells a resident ("We open again tomorrow at 09:00").
 * Worked out here, from the server's clock and the site's time zone, because the kiosk's own clock
 * is not trusted; sent as parts the kiosk words in the resident's language: {@code at} (ISO-8601
 * with offset), {@code day} ({@code today}, {@code tomorrow} or the weekday in English lower case)
 * and {@code time} (24-hour {@code HH:mm}, the way opening hours are written).
 */
public final class NextOpening {
  private NextOpening() {}

  public static Optional<Map<String, String>> describe(Site site, Instant now) {
    return site.openingHours()
        .nextOpening(now, site.timeZone())
        .map(next -> parts(next, now.atZone(site.timeZone())));
  }

  static Map<String, String> parts(ZonedDateTime next, ZonedDateTime now) {
    long days = ChronoUnit.DAYS.between(now.toLocalDate(), next.toLocalDate());
    Map<String, String> p = new LinkedHashMap<>();
    p.put("at", next.toOffsetDateTime().toString());
    p.put(
        "day",
        days == 0
            ? "today"
            : days == 1 ? "tomorrow" : next.getDayOfWeek().name().toLowerCase(Locale.ROOT));
    p.put("time", next.format(DateTimeFormatter.ofPattern("HH:mm")));
    return p;
  }
}
