package uk.gov.council.cap.server.staff;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import uk.gov.council.cap.server.Clock;

/**
 * Slows password guessing: after {@value #MAX_FAILURES} wrong passwords for one username within
 * the window, that username is locked for the rest of the window. Per node and in memory: enough to
 * make guessing impractical; a shared store would be needed to count across several nodes.
 */
public final class SignInThrottle {
    static final int MAX_FAILURES = 5;
    private static final int MAX_TRACKED = 10_000;
    private final Clock clock;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public SignInThrottle(Clock clock, Duration window) {
        this.clock = clock;
        this.window = window;
    }

    public boolean isLocked(String username) {
        Deque<Instant> recent = failures.get(key(username));
        if (recent == null) {
            return false;
        }
        synchronized (recent) {
            prune(recent);
            return recent.size() >= MAX_FAILURES;
        }
    }

    public void failed(String username) {
        if (failures.size() > MAX_TRACKED) {
            failures.values().removeIf(d -> {
                synchronized (d) {
                    prune(d);
                    return d.isEmpty();
                }
            });
        }
        Deque<Instant> recent = failures.computeIfAbsent(key(username), k -> new ArrayDeque<>());
        synchronized (recent) {
            recent.addLast(clock.now());
        }
    }

    public void succeeded(String username) {
        failures.remove(key(username));
    }

    public long windowMinutes() {
        return window.toMinutes();
    }

    private void prune(Deque<Instant> recent) {
        Instant cutoff = clock.now().minus(window);
        while (!recent.isEmpty() && recent.peekFirst().isBefore(cutoff)) {
            recent.removeFirst();
        }
    }

    private static String key(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }
}
