package uk.gov.council.cap.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.testing.FakeClock;

class SlidingWindowTest {
  @Test
  void aKeyGetsItsLimitInAnyWindowAndMoreOnlyAsOldUsesExpire() {
    FakeClock clock = FakeClock.stopped();
    SlidingWindow window = new SlidingWindow(3, Duration.ofHours(1), clock);
    assertThat(window.tryTake("kiosk-a")).isTrue();
    clock.advance(Duration.ofMinutes(30));
    assertThat(window.tryTake("kiosk-a")).isTrue();
    assertThat(window.tryTake("kiosk-a")).isTrue();
    assertThat(window.hasRoom("kiosk-a")).isFalse();
    assertThat(window.tryTake("kiosk-a")).isFalse();
    assertThat(window.hasRoom("kiosk-b")).isTrue();
    assertThat(window.tryTake("kiosk-b")).as("another key has its own").isTrue();

    clock.advance(Duration.ofMinutes(30));
    assertThat(window.tryTake("kiosk-a")).as("the first use is an hour old").isTrue();
    assertThat(window.tryTake("kiosk-a")).isFalse();
  }
}
