package uk.gov.council.cap.server.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import uk.gov.council.cap.server.Clock;

/**
 * A clock that starts on a fixed weekday morning, so nothing a test does depends on today's date
 * (an opening-hours window, a certificate's validity). A stopped one stands still until the test
 * moves it: a test that needs time to pass for a timer (a kiosk falling silent, a heartbeat
 * interval) advances it instead of sleeping. A running one goes on at the pace of real time from
 * its start, for servers whose own timers should run as usual.
 */
public final class FakeClock implements Clock {
  /** Monday 23 November 2026, 10:00 in London: a weekday, inside ordinary opening hours. */
  public static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

  private final boolean running;
  private final long startedNanos = System.nanoTime();
  private final AtomicReference<Duration> advanced = new AtomicReference<>(Duration.ZERO);

  private FakeClock(boolean running) {
    this.running = running;
  }

  /** Stands still at {@link #START} until advanced. */
  public static FakeClock stopped() {
    return new FakeClock(false);
  }

  /** Starts at {@link #START} and runs on in real time (and can be advanced too). */
  public static FakeClock running() {
    return new FakeClock(true);
  }

  @Override
  public Instant now() {
    Instant t = START.plus(advanced.get());
    return running ? t.plusNanos(System.nanoTime() - startedNanos) : t;
  }

  public void advance(Duration by) {
    advanced.updateAndGet(d -> d.plus(by));
  }
}
