package uk.gov.council.cap.kiosk;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Whether one of kiosk-app's single-threaded parts still runs its tasks: the systemd watchdog pings
 * only if so.
 */
public final class Responsiveness {
  private Responsiveness() {}

  /** True when an empty task queued on {@code thread} has run within {@code within}. */
  public static boolean answers(ExecutorService thread, Duration within) {
    try {
      thread.submit(() -> {}).get(within.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
