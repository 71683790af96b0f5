package uk.gov.council.cap.server.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.sites.OpeningHours;
import uk.gov.council.cap.server.sites.Site;

/** The times offered come from the site's hours and the server's clock, in the site's zone. */
class CallbackSlotsTest {
  // Monday 23 November 2026.
  private static final Instant MONDAY_10AM = Instant.parse("2026-11-23T10:00:00Z");

  private static Site site(String hours, String zone) {
    return new Site(
        "s1",
        "Ampthill Library",
        "01632 960001",
        ZoneId.of(zone),
        OpeningHours.parse(hours),
        List.of("general"),
        List.of(),
        120,
        "");
  }

  private static List<String> described(List<CallbackSlot> slots) {
    return slots.stream()
        .map(s -> s.day() + " " + s.part() + " " + s.wire().get("from") + "-" + s.wire().get("to"))
        .toList();
  }

  @Test
  void theRestOfTodayAndTheNextDaysCutIntoMorningsAndAfternoons() {
    Site s = site("Mon-Fri 09:00-17:00; Sat 09:30-12:30", "Europe/London");
    assertThat(described(CallbackSlots.offered(s, MONDAY_10AM, 2)))
        .containsExactly(
            "today morning 10:30-12:00",
            "today afternoon 12:00-17:00",
            "tomorrow morning 09:00-12:00",
            "tomorrow afternoon 12:00-17:00",
            "wednesday morning 09:00-12:00",
            "wednesday afternoon 12:00-17:00");
  }

  @Test
  void closedDaysAreSkippedAndShortPartsAreNotOffered() {
    Site s = site("Mon-Fri 09:00-17:00; Sat 09:30-12:30", "Europe/London");
    // Friday 16:10: less than an hour of today is left.
    Instant fridayLate = Instant.parse("2026-11-27T16:10:00Z");
    assertThat(described(CallbackSlots.offered(s, fridayLate, 3)))
        .containsExactly(
            "tomorrow morning 09:30-12:00",
            "monday morning 09:00-12:00",
            "monday afternoon 12:00-17:00");
  }

  @Test
  void anAllHoursSiteIsNotRungAtNight() {
    Site s = site("Mon-Sun 00:00-24:00", "Europe/London");
    Instant midnight = Instant.parse("2026-11-23T00:00:00Z");
    assertThat(described(CallbackSlots.offered(s, midnight, 0)))
        .containsExactly(
            "today morning 08:00-12:00",
            "today afternoon 12:00-17:00",
            "today evening 17:00-20:00");
  }

  @Test
  void theSitesTimeZoneDecidesWhatTodayIs() {
    // 10:00 UTC is 23:00 in Auckland: today there is over.
    Site s = site("Mon-Fri 09:00-17:00", "Pacific/Auckland");
    List<CallbackSlot> slots = CallbackSlots.offered(s, MONDAY_10AM, 1);
    assertThat(described(slots))
        .containsExactly("tomorrow morning 09:00-12:00", "tomorrow afternoon 12:00-17:00");
    assertThat(slots.get(0).start().toInstant()).isEqualTo(Instant.parse("2026-11-23T20:00:00Z"));
    assertThat(slots.get(0).text()).isEqualTo("Tuesday 24 November, morning, 09:00 to 12:00");
  }

  @Test
  void aSiteThatNeverOpensOffersNothing() {
    Site s = site("Sun 03:00-03:01", "Europe/London");
    assertThat(CallbackSlots.offered(s, MONDAY_10AM, 7)).isEmpty();
  }
}
