package uk.gov.council.cap.kiosk.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void delaysDoubleFromHalfASecondUpToThirtySeconds() {
    Backoff b = new Backoff(() -> 1.0);
    assertThat(b.nextDelay()).isEqualTo(Duration.ofMillis(500));
    assertThat(b.nextDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(b.nextDelay()).isEqualTo(Duration.ofSeconds(2));
    for (int i = 0; i < 20; i++) {
      b.nextDelay();
    }
    assertThat(b.nextDelay()).isEqualTo(Duration.ofSeconds(30));
    b.reset();
    assertThat(b.nextDelay()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void jitterKeepsEachDelayBetweenHalfAndAllOfItsValue() {
    assertThat(new Backoff(() -> 0.0).nextDelay()).isEqualTo(Duration.ofMillis(250));
  }
}
