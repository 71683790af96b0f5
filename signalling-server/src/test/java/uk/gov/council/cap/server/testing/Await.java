package uk.gov.council.cap.server.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for a condition, not for a length of time: it returns as soon as the condition holds, and
 * fails (saying what it waited for) only when it has not held for {@code timeout}. The timeout is a
 * generous upper bound for a busy machine; a passing test never waits for it.
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
    until(what, () -> condition.getAsBoolean(), held -> held, timeout);
  }

  /** Reads {@code value} until it matches, and returns the matching value. */
  public static <T> T until(String what, Supplier<T> value, Predicate<? super T> matching) {
    return until(what, value, matching, PATIENTLY);
  }

  public static <T> T until(
      String what, Supplier<T> value, Predicate<? super T> matching, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last;
    while (true) {
      last = value.get();
      if (matching.test(last)) {
        return last;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("Waited " + timeout + " for " + what + "; last seen: " + last);
      }
      pause();
    }
  }

  private static void pause() {
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
