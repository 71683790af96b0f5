package uk.gov.council.cap.server.signalling;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.SessionEnd;
import uk.gov.council.cap.server.staff.SessionStore;
import uk.gov.council.cap.server.staff.StaffEvents;

/**
 * Keeps every console socket tied to the sign-in session it was opened with, so the socket ends
 * when the session does (see docs/adr/0031-sessions-end-everywhere-at-once.md):
 *
 * <ul>
 *   <li>sign-out, an account turned off or a new role, made on this node: at once, through {@link
 *       StaffEvents};
 *   <li>expiry: on the next check after the session's end by the server clock, and before any
 *       message the socket sends after it ({@link #ended(String)});
 *   <li>the same changes made on another node (sessions live in the shared database): on the next
 *       check, which asks the database which of this node's sessions are still valid, and why each
 *       one that is not has ended ({@link SessionStore#whyEnded}).
 * </ul>
 */
public final class SessionGuard implements StaffEvents.Listener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SessionGuard.class);

  private final SessionStore sessions;
  private final Clock clock;
  private final Duration checkEvery;
  private final Map<String, Guarded> guarded = new ConcurrentHashMap<>();
  private final ScheduledExecutorService thread;

  private record Guarded(
      String tokenHash,
      String staffId,
      Role role,
      Instant expiresAt,
      Consumer<SessionEnd> onEnded) {}

  /** {@code timer} is this guard's own, named in the composition root. */
  public SessionGuard(
      SessionStore sessions, Clock clock, Duration checkEvery, ScheduledExecutorService timer) {
    this.sessions = sessions;
    this.clock = clock;
    this.checkEvery = checkEvery;
    this.thread = timer;
  }

  public SessionGuard start() {
    thread.scheduleWithFixedDelay(
        this::safeCheck, checkEvery.toMillis(), checkEvery.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /**
   * Ties a connection to its session; {@code onEnded} runs once, when the session ends for any
   * reason.
   */
  public void watch(
      String connectionId, SessionStore.Session session, Consumer<SessionEnd> onEnded) {
    guarded.put(
        connectionId,
        new Guarded(
            session.tokenHash(),
            session.staff().id(),
            session.staff().role(),
            session.expiresAt(),
            onEnded));
  }

  public void forget(String connectionId) {
    guarded.remove(connectionId);
  }

  /**
   * Whether this connection's session has ended, ending the connection now if it has just expired:
   * called before acting on anything the connection sends, so an expired session cannot accept a
   * call in the gap between checks.
   */
  public boolean ended(String connectionId) {
    Guarded g = guarded.get(connectionId);
    if (g == null) {
      return true;
    }
    if (!clock.now().isBefore(g.expiresAt())) {
      end(connectionId, g, SessionEnd.EXPIRED);
      return true;
    }
    return false;
  }

  @Override
  public void sessionEnded(String tokenHash, SessionEnd why) {
    guarded.forEach(
        (id, g) -> {
          if (g.tokenHash().equals(tokenHash)) {
            end(id, g, why);
          }
        });
  }

  @Override
  public void allSessionsEnded(String staffId, SessionEnd why) {
    guarded.forEach(
        (id, g) -> {
          if (g.staffId().equals(staffId)) {
            end(id, g, why);
          }
        });
  }

  /** One round: expired sessions by the clock, then anything ended elsewhere, by the database. */
  public void check() {
    Instant now = clock.now();
    guarded.forEach(
        (id, g) -> {
          if (!now.isBefore(g.expiresAt())) {
            end(id, g, SessionEnd.EXPIRED);
          }
        });
    if (guarded.isEmpty()) {
      return;
    }
    Set<String> held =
        guarded.values().stream().map(Guarded::tokenHash).collect(Collectors.toSet());
    Set<String> valid = sessions.stillValid(held);
    Map<String, SessionEnd> why = new HashMap<>();
    guarded.forEach(
        (id, g) -> {
          // Only sessions that were asked about: a socket opened during the query is not judged on
          // an old answer.
          if (held.contains(g.tokenHash()) && !valid.contains(g.tokenHash())) {
            // Asked, not assumed: a change made on this node reaches the database before its event
            // reaches this guard, so this check may be first to see an account turned off, and the
            // console (and the call desk) must still be told that, not "signed out".
            end(
                id,
                g,
                why.computeIfAbsent(
                    g.tokenHash(), t -> sessions.whyEnded(t, g.staffId(), g.role())));
          }
        });
  }

  private void safeCheck() {
    try {
      check();
    } catch (RuntimeException e) {
      // A database hiccup must not stop the checks; the next round tries again.
      LOG.warn("Checking console sessions failed: {}", e.toString());
    }
  }

  private void end(String connectionId, Guarded g, SessionEnd why) {
    if (guarded.remove(connectionId, g)) {
      LOG.info("Closing console connection of staff {}: {}", g.staffId(), why);
      g.onEnded().accept(why);
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
