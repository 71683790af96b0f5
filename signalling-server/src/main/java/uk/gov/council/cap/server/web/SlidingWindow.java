package uk.gov.council.cap.server.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import uk.gov.council.cap.server.Clock;

/**
 * At most {@code limit} uses per key in any {@code window}: what bounds the mail a kiosk can make
 * the server send. Held in memory (keys whose uses have all expired are swept out): a restart
 * forgets it, which at worst allows one more window's worth.
 */
public final class SlidingWindow {
  private static final int SWEEP_ABOVE = 10_000;
  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Instant>> uses = new HashMap<>();

  public SlidingWindow(int limit, Duration window, Clock clock) {
    this.limit = limit;
    this.window = window;
    this.clock = clock;
  }

  /** Whether {@code key} has a use left now (counting nothing). */
  public synchronized boolean hasRoom(String key) {
    Deque<Instant> times = uses.get(key);
    if (times == null) {
      return limit > 0;
    }
    expire(times, clock.now());
    return times.size() < limit;
  }

  private void expire(Deque<Instant> times, Instant now) {
    while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(window))) {
      times.removeFirst();
    }
  }

  /**
   * Counts one use for {@code key} and returns true, or returns false (counting nothing) if it has
   * none left.
   */
  public synchronized boolean tryTake(String key) {
    Instant now = clock.now();
    if (uses.size() > SWEEP_ABOVE) {
      uses.values().removeIf(t -> t.isEmpty() || !t.peekLast().isAfter(now.minus(window)));
    }
    Deque<Instant> times = uses.computeIfAbsent(key, k -> new ArrayDeque<>());
    expire(times, now);
    if (times.size() >= limit) {
      return false;
    }
    times.addLast(now);
    return true;
  }
}
