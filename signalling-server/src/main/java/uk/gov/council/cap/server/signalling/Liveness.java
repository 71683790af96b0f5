package uk.gov.council.cap.server.signalling;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.protocol.ProtocolCodec;
import uk.gov.council.cap.server.Clock;

/**
 * Asks every socket "are you still there?" ({@code link.ping}) and closes the ones that stop
 * answering.
 *
 * <p>Why not WebSocket pings and Jetty's idle timeout: Jetty counts its own outgoing pings as
 * activity, so a frozen browser (SIGSTOP, a laptop lid shut) or a pulled cable kept a connection,
 * and the call on it, open for as long as TCP took to give up: more than ten minutes. Here only
 * what the other side sends counts, and browsers can answer a text ping from a message handler even
 * in a background tab (no timers involved).
 */
public final class Liveness implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Liveness.class);

  private final Clock clock;
  private final Duration pingEvery;
  private final Duration silenceLimit;
  private final String ping;
  private final Map<String, Watched> watched = new ConcurrentHashMap<>();
  private final ScheduledExecutorService thread;

  private static final class Watched {
    final Peer peer;
    final Consumer<Instant> onSilent;
    volatile Instant lastHeard;

    Watched(Peer peer, Consumer<Instant> onSilent, Instant now) {
      this.peer = peer;
      this.onSilent = onSilent;
      this.lastHeard = now;
    }
  }

  /** {@code timer} is this sweep's own, named in the composition root. */
  public Liveness(
      ProtocolCodec codec,
      Clock clock,
      Duration pingEvery,
      Duration silenceLimit,
      ScheduledExecutorService timer) {
    this.clock = clock;
    this.pingEvery = pingEvery;
    this.silenceLimit = silenceLimit;
    this.ping = codec.encode(MessageType.LINK_PING, Map.of());
    this.thread = timer;
  }

  public Liveness start() {
    thread.scheduleAtFixedRate(
        this::sweep, pingEvery.toMillis(), pingEvery.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /**
   * Starts watching a connection; {@code onSilent} gets the moment it was last heard when it is
   * given up.
   */
  public void watch(String connectionId, Peer peer, Consumer<Instant> onSilent) {
    watched.put(connectionId, new Watched(peer, onSilent, clock.now()));
  }

  /** Anything arrived on the connection: it is alive. */
  public void heard(String connectionId) {
    Watched w = watched.get(connectionId);
    if (w != null) {
      w.lastHeard = clock.now();
    }
  }

  public void forget(String connectionId) {
    watched.remove(connectionId);
  }

  /**
   * One round: ping the living, give up on the silent. Public so tests with a fake clock can drive
   * it.
   */
  public void sweep() {
    Instant now = clock.now();
    watched.forEach(
        (id, w) -> {
          if (Duration.between(w.lastHeard, now).compareTo(silenceLimit) >= 0) {
            if (watched.remove(id, w)) {
              LOG.info(
                  "Nothing heard from {} for {} s; closing its connection as dead",
                  w.peer,
                  Duration.between(w.lastHeard, now).toSeconds());
              try {
                w.onSilent.accept(w.lastHeard);
              } catch (RuntimeException e) {
                LOG.warn("Closing a silent connection failed", e);
              }
            }
          } else {
            w.peer.send(ping);
          }
        });
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
