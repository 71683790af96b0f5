package uk.gov.council.cap.server.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
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
}
