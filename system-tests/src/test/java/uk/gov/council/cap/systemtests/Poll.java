package uk.gov.council.cap.systemtests;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting on a condition, never on the clock: checks often, gives up after a limit with what it waited for. */
final class Poll {
    private Poll() {
    }

    static void until(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Waited " + limit.toSeconds() + " s for: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
