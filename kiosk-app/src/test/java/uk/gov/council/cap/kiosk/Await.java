package uk.gov.council.cap.kiosk;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition, not for a length of time: it returns as soon as the condition holds, and
 * fails (saying what it waited for) only when it has not held for the timeout, a generous upper
 * bound for a busy machine.
 */
public final class Await {
  /** Long enough for a loaded CI machine; only a failing test waits this long. */
  public static final Duration PATIENTLY = Duration.ofSeconds(15);

  private static final long POLL_MILLIS = 20;

  private Await() {}

  public static void until(String what, BooleanSupplier condition) {
    until(what, condition, PATIENTLY);
  }

  public static void until(String what, BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("Waited " + timeout + " for " + what);
      }
      try {
        // Only the gap between two looks at the condition: how long the test waits is up to the
        // condition.
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
