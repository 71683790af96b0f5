package uk.gov.council.cap.kiosk.systemd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * systemd's notify protocol (sd_notify): "READY=1" once the kiosk is up, then "WATCHDOG=1" at half
 * the unit's WatchdogSec, but only while kiosk-app's own threads answer. If they stop answering,
 * the pings stop and systemd kills and restarts the kiosk. The JDK cannot send on a Unix datagram
 * socket, hence junixsocket (ADR 0021). Outside systemd (no NOTIFY_SOCKET) every call does nothing.
 */
public final class SystemdNotifier implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SystemdNotifier.class);
  private final AFUNIXSocketAddress socket;
  private final Duration watchdog;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "systemd-watchdog");
            t.setDaemon(true);
            return t;
          });

  private SystemdNotifier(AFUNIXSocketAddress socket, Duration watchdog) {
    this.socket = socket;
    this.watchdog = watchdog;
  }

  /**
   * From systemd's NOTIFY_SOCKET (a path, or "@name" in the abstract namespace) and WATCHDOG_USEC.
   */
  public static SystemdNotifier fromEnvironment(Map<String, String> env) {
    String where = env.get("NOTIFY_SOCKET");
    Duration watchdog = Duration.ZERO;
    try {
      watchdog = Duration.ofNanos(Long.parseLong(env.getOrDefault("WATCHDOG_USEC", "0")) * 1000);
    } catch (NumberFormatException e) {
      LOG.warn("WATCHDOG_USEC is not a number; no watchdog pings");
    }
    if (where == null || where.isBlank()) {
      return new SystemdNotifier(null, Duration.ZERO);
    }
    try {
      AFUNIXSocketAddress address =
          where.startsWith("@")
              ? AFUNIXSocketAddress.inAbstractNamespace(where.substring(1))
              : AFUNIXSocketAddress.of(Path.of(where));
      return new SystemdNotifier(address, watchdog);
    } catch (IOException e) {
      LOG.error("NOTIFY_SOCKET {} is not usable; systemd will not hear from the kiosk", where, e);
      return new SystemdNotifier(null, Duration.ZERO);
    }
  }

  public boolean active() {
    return socket != null;
  }

  public void ready() {
    notify("READY=1\nSTATUS=Kiosk running");
  }

  /**
   * Pings the watchdog at half its interval while {@code healthy} says the kiosk's threads answer.
   */
  public void startWatchdog(BooleanSupplier healthy) {
    if (socket == null || watchdog.isZero()) {
      return;
    }
    long every = Math.max(100, watchdog.toMillis() / 2);
    thread.scheduleAtFixedRate(
        () -> {
          if (healthy.getAsBoolean()) {
            notify("WATCHDOG=1");
          } else {
            LOG.error("kiosk-app is not answering; no watchdog ping, so systemd will restart it");
          }
        },
        every,
        every,
        TimeUnit.MILLISECONDS);
  }

  public void stopping() {
    notify("STOPPING=1");
  }

  private void notify(String state) {
    if (socket == null) {
      return;
    }
    try (AFUNIXDatagramChannel channel = AFUNIXDatagramChannel.open()) {
      channel.send(ByteBuffer.wrap(state.getBytes(StandardCharsets.UTF_8)), socket);
    } catch (IOException e) {
      LOG.warn(
          "Could not tell systemd {}: {}", state.lines().findFirst().orElse(state), e.getMessage());
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
