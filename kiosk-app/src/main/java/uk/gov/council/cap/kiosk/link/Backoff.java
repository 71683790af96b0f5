package uk.gov.council.cap.kiosk.link;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter for reconnecting: 0.5 s, 1 s, 2 s … up to 30 s, each delay
 * randomised between half and all of its value so a library's worth of kiosks coming back after a
 * server restart do not all knock at once.
 */
public final class Backoff {
  private static final long FIRST_MILLIS = 500;
  private static final long MAX_MILLIS = 30_000;
  private final DoubleSupplier random;
  private int failures;

  public Backoff(DoubleSupplier random) {
    this.random = random;
  }

  public Backoff() {
    this(Math::random);
  }

  public Duration nextDelay() {
    long ceiling = Math.min(MAX_MILLIS, FIRST_MILLIS << Math.min(failures, 16));
    failures++;
    long jittered = (long) (ceiling / 2.0 + random.getAsDouble() * ceiling / 2.0);
    return Duration.ofMillis(Math.max(1, jittered));
  }

  public void reset() {
    failures = 0;
  }
}
