package uk.gov.council.cap.server.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpeningHoursTest {
  private static final ZoneId LONDON = ZoneId.of("Europe/London");
  private final OpeningHours hours = OpeningHours.parse("Mon-Fri 09:00-17:00; Sat 09:30-12:30");

  @Test
  void openDuringHoursInTheSitesOwnTimeZone() {
    // Monday 23 Nov 2026, 09:00 in London (GMT) is open; 08:59 is not.
    assertThat(hours.isOpen(Instant.parse("2026-11-23T09:00:00Z"), LONDON)).isTrue();
    assertThat(hours.isOpen(Instant.parse("2026-11-23T08:59:00Z"), LONDON)).isFalse();
    assertThat(hours.isOpen(Instant.parse("2026-11-23T17:00:00Z"), LONDON)).isFalse();
    // In summer, 08:30 UTC is 09:30 British Summer Time: open.
    assertThat(hours.isOpen(Instant.parse("2026-07-06T08:30:00Z"), LONDON)).isTrue();
    assertThat(hours.isOpen(Instant.parse("2026-11-28T12:00:00Z"), LONDON)).isTrue();
    assertThat(hours.isOpen(Instant.parse("2026-11-29T12:00:00Z"), LONDON)).isFalse();
  }

  @Test
  void wholeDaysAndWrappingDayRangesWork() {
    OpeningHours always = OpeningHours.parse("Mon-Sun 00:00-24:00");
    assertThat(always.isOpen(Instant.parse("2026-11-29T23:59:00Z"), LONDON)).isTrue();
    OpeningHours weekend = OpeningHours.parse("Sat-Sun 10:00-16:00");
    assertThat(weekend.isOpen(Instant.parse("2026-11-29T11:00:00Z"), LONDON)).isTrue();
    assertThat(weekend.isOpen(Instant.parse("2026-11-30T11:00:00Z"), LONDON)).isFalse();
  }

  @Test
  void hoursThatDoNotMakeSenseAreRefusedWithAnExample() {
    assertThatThrownBy(() -> OpeningHours.parse("weekdays 9 to 5"))
        .hasMessageContaining("Mon-Fri 09:00-17:00");
    assertThatThrownBy(() -> OpeningHours.parse("Mon 17:00-09:00"))
        .hasMessageContaining("after opening");
    assertThatThrownBy(() -> OpeningHours.parse("Mon 09:00-25:00")).hasMessageContaining("25:00");
  }

  @Test
  void theNextOpeningIsWorkedOutFromTheClockInTheSitesTimeZone() {
    Site site =
        new Site(
            "s1",
            "Ampthill Library",
            "01632 960 000",
            LONDON,
            hours,
            List.of(),
            List.of(),
            120,
            "");
    // Monday 23 Nov 2026 07:00: later today. 18:00: tomorrow. Friday evening: Saturday at 09:30.
    assertThat(NextOpening.describe(site, Instant.parse("2026-11-23T07:00:00Z")).orElseThrow())
        .containsEntry("day", "today")
        .containsEntry("time", "09:00")
        .containsEntry("at", "2026-11-23T09:00Z");
    assertThat(NextOpening.describe(site, Instant.parse("2026-11-23T18:00:00Z")).orElseThrow())
        .containsEntry("day", "tomorrow")
        .containsEntry("time", "09:00");
    assertThat(NextOpening.describe(site, Instant.parse("2026-11-27T18:00:00Z")).orElseThrow())
        .containsEntry("day", "tomorrow")
        .containsEntry("time", "09:30");
    // Saturday afternoon: closed until Monday. In summer the time is British Summer Time.
    assertThat(NextOpening.describe(site, Instant.parse("2026-11-28T13:00:00Z")).orElseThrow())
        .containsEntry("day", "monday")
        .containsEntry("time", "09:00");
    assertThat(hours.nextOpening(Instant.parse("2026-07-04T13:00:00Z"), LONDON).orElseThrow())
        .hasToString("2026-07-06T09:00+01:00[Europe/London]");
  }

  @Test
  void aSiteOpenAllHoursSaysSoAndANeverOpenSiteHasNoNextOpening() {
    OpeningHours always = OpeningHours.parse("Mon-Sun 00:00-24:00");
    assertThat(always.alwaysOpen()).isTrue();
    assertThat(hours.alwaysOpen()).isFalse();
    assertThat(
            OpeningHours.parse("Mon 09:00-17:00")
                .nextOpening(Instant.parse("2026-11-23T10:00:00Z"), LONDON))
        .hasValueSatisfying(next -> assertThat(next.toLocalDate()).hasToString("2026-11-30"));
    assertThat(OpeningHours.parse("").nextOpening(Instant.parse("2026-11-23T10:00:00Z"), LONDON))
        .isEmpty();
  }
}
