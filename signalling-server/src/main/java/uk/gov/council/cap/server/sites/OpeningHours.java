package uk.gov.council.cap.server.sites;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A site's weekly opening hours, written the way a council writes them on a poster: {@code Mon-Fri
 * 09:00-17:00; Sat 09:30-12:30}. {@code 24:00} means midnight at the end of the day.
 */
public final class OpeningHours {
  private static final Pattern RULE =
      Pattern.compile(
          "(?i)\\s*(mon|tue|wed|thu|fri|sat|sun)(?:\\s*-\\s*(mon|tue|wed|thu|fri|sat|sun))?\\s+(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})\\s*");
  private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

  private record Interval(int startMinute, int endMinute) {}

  private final String text;
  private final Map<DayOfWeek, List<Interval>> byDay;

  private OpeningHours(String text, Map<DayOfWeek, List<Interval>> byDay) {
    this.text = text;
    this.byDay = byDay;
  }

  public static OpeningHours parse(String text) {
    Map<DayOfWeek, List<Interval>> byDay = new EnumMap<>(DayOfWeek.class);
    for (String rule : text.split(";")) {
      if (rule.isBlank()) {
        continue;
      }
      Matcher m = RULE.matcher(rule);
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "Opening hours rule not understood: \""
                + rule.trim()
                + "\". Write rules like \"Mon-Fri 09:00-17:00; Sat 09:30-12:30\".");
      }
      int from = DAYS.indexOf(m.group(1).toLowerCase(Locale.ROOT));
      int to = m.group(2) == null ? from : DAYS.indexOf(m.group(2).toLowerCase(Locale.ROOT));
      Interval interval = new Interval(minutes(m.group(3)), minutes(m.group(4)));
      if (interval.endMinute() <= interval.startMinute()) {
        throw new IllegalArgumentException(
            "Closing time must be after opening time in \"" + rule.trim() + "\"");
      }
      for (int d = from; ; d = (d + 1) % 7) {
        byDay.computeIfAbsent(DayOfWeek.of(d + 1), k -> new ArrayList<>()).add(interval);
        if (d == to) {
          break;
        }
      }
    }
    return new OpeningHours(text.trim(), byDay);
  }

  public boolean isOpen(Instant at, ZoneId zone) {
    ZonedDateTime local = at.atZone(zone);
    int minute = local.getHour() * 60 + local.getMinute();
    return byDay.getOrDefault(local.getDayOfWeek(), List.of()).stream()
        .anyMatch(i -> minute >= i.startMinute() && minute < i.endMinute());
  }

  /**
   * The next moment the site opens after {@code at} (not counting an opening already under way), or
   * empty when it never opens. Looks a week ahead: the hours repeat weekly.
   */
  public java.util.Optional<ZonedDateTime> nextOpening(Instant at, ZoneId zone) {
    ZonedDateTime local = at.atZone(zone);
    int nowMinute = local.getHour() * 60 + local.getMinute();
    for (int day = 0; day <= 7; day++) {
      java.time.LocalDate date = local.toLocalDate().plusDays(day);
      int after = day == 0 ? nowMinute : -1;
      java.util.OptionalInt start =
          byDay.getOrDefault(date.getDayOfWeek(), List.of()).stream()
              .mapToInt(Interval::startMinute)
              // An interval that starts at midnight and follows one that ended at midnight is not
              // an opening: the site was open all along.
              .filter(m -> m > after && !openAtEndOf(date.minusDays(1), m))
              .min();
      if (start.isPresent()) {
        return java.util.Optional.of(
            date.atTime(start.getAsInt() / 60, start.getAsInt() % 60).atZone(zone));
      }
    }
    return java.util.Optional.empty();
  }

  private boolean openAtEndOf(java.time.LocalDate day, int startMinute) {
    return startMinute == 0
        && byDay.getOrDefault(day.getDayOfWeek(), List.of()).stream()
            .anyMatch(i -> i.endMinute() == 24 * 60);
  }

  /**
   * The day's opening spans as minutes since midnight ({@code [start, end)}; an end of 1440 is
   * midnight at the end of the day), earliest first: what the callback times are cut from.
   */
  public List<int[]> spansOn(DayOfWeek day) {
    return byDay.getOrDefault(day, List.of()).stream()
        .sorted(java.util.Comparator.comparingInt(Interval::startMinute))
        .map(i -> new int[] {i.startMinute(), i.endMinute()})
        .toList();
  }

  /** Open every minute of every day ("Mon-Sun 00:00-24:00"): residents read "Open 24 hours". */
  public boolean alwaysOpen() {
    for (DayOfWeek d : DayOfWeek.values()) {
      if (byDay.getOrDefault(d, List.of()).stream()
          .noneMatch(i -> i.startMinute() == 0 && i.endMinute() == 24 * 60)) {
        return false;
      }
    }
    return true;
  }

  /** As the council wrote it, for showing to residents. */
  public String text() {
    return text;
  }

  private static int minutes(String hhmm) {
    String[] parts = hhmm.split(":");
    int h = Integer.parseInt(parts[0]);
    int m = Integer.parseInt(parts[1]);
    if (h > 24 || m > 59 || (h == 24 && m != 0)) {
      throw new IllegalArgumentException("Not a time of day: " + hhmm);
    }
    return h * 60 + m;
  }

  @Override
  public String toString() {
    return text;
  }
}
