package uk.gov.council.cap.server.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import uk.gov.council.cap.server.Clock;

/**
 * A clock that stands still until the test moves it. A test that needs time to pass for a timer (a kiosk falling
 * silent, a heartbeat interval) advances this clock instead of sleeping, so it neither waits nor depends on how
 * busy the machine is. It starts on a fixed weekday morning, so nothing it drives depends on today's date.
 */
public final class FakeClock implements Clock {
    /** Monday 23 November 2026, 10:00 in London: a weekday, inside ordinary opening hours. */
    public static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(START);

    @Override
    public Instant now() {
        return now.get();
    }

    public void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }
}
