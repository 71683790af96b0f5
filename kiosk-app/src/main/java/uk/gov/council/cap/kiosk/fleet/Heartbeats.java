package uk.gov.council.cap.kiosk.fleet;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.council.cap.kiosk.devices.KioskDevices;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.protocol.ProtocolCodec;

/**
 * Tells the server this kiosk is alive: a heartbeat every 30 s with the app's version, whether a
 * resident is being served, and each device's health. The devices' self-tests run every few
 * minutes, only between residents (a test scan must never collide with a resident's), and a change
 * of health is reported at once. Heartbeats are never sent closer together than the server accepts.
 */
public final class Heartbeats implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Heartbeats.class);
  private static final Duration MIN_GAP = Duration.ofMillis(5_500);

  private final KioskDevices devices;
  private final BooleanSupplier idle;
  private final ProtocolCodec codec;
  private final Predicate<String> send;
  private final Duration every;
  private final Duration deviceCheck;
  private final String appVersion;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "heartbeats");
            t.setDaemon(true);
            return t;
          });
  // Device self-tests can take seconds (a test scan); they run on their own thread so heartbeats,
  // and the watchdog
  // that watches the heartbeat thread, never wait for a slow device.
  private final ScheduledExecutorService checks =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "device-checks");
            t.setDaemon(true);
            return t;
          });
  private volatile List<KioskDevices.Health> health = List.of();
  private long lastSentNanos;
  private boolean beatScheduled;

  public Heartbeats(
      KioskDevices devices,
      BooleanSupplier idle,
      ProtocolCodec codec,
      Predicate<String> send,
      Duration every,
      Duration deviceCheck,
      String appVersion) {
    this.devices = devices;
    this.idle = idle;
    this.codec = codec;
    this.send = send;
    this.every = every;
    this.deviceCheck = deviceCheck;
    this.appVersion = appVersion;
  }

  public void start() {
    checks.scheduleWithFixedDelay(
        this::checkDevices, 0, deviceCheck.toMillis(), TimeUnit.MILLISECONDS);
    thread.scheduleWithFixedDelay(
        this::beat, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * The link came up, a call ended or a device changed: send a heartbeat as soon as the server will
   * take one.
   */
  public void soon() {
    if (thread.isShutdown()) {
      return; // kiosk-app is stopping
    }
    thread.execute(
        () -> {
          if (beatScheduled) {
            return;
          }
          long wait = Math.max(0, MIN_GAP.toNanos() - (System.nanoTime() - lastSentNanos));
          beatScheduled = true;
          thread.schedule(
              () -> {
                beatScheduled = false;
                beat();
              },
              wait,
              TimeUnit.NANOSECONDS);
        });
  }

  /**
   * Runs the devices' self-tests now (between residents), then reports. Also used after new device
   * settings.
   */
  public void checkDevicesNow() {
    checks.execute(this::checkDevices);
  }

  private void checkDevices() {
    try {
      if (!idle.getAsBoolean()) {
        return;
      }
      List<KioskDevices.Health> now = devices.check();
      if (!now.equals(health)) {
        health = now;
        now.stream()
            .filter(h -> !h.state().equals("READY"))
            .forEach(h -> LOG.warn("{}: {} {}", h.device(), h.state(), h.detail()));
        soon();
      }
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      // kiosk-app is stopping: nothing to report to
    } catch (RuntimeException e) {
      LOG.error("Device check failed", e);
    }
  }

  private void beat() {
    if (System.nanoTime() - lastSentNanos < MIN_GAP.toNanos() && lastSentNanos != 0) {
      return;
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("appVersion", appVersion);
    p.put("state", idle.getAsBoolean() ? "idle" : "in_call");
    p.put(
        "devices",
        health.stream()
            .map(
                h -> {
                  Map<String, Object> d = new LinkedHashMap<>();
                  d.put("device", h.device());
                  d.put("state", h.state());
                  d.put("simulated", h.simulated());
                  d.put(
                      "detail",
                      h.detail().length() > 300 ? h.detail().substring(0, 300) : h.detail());
                  return d;
                })
            .toList());
    if (send.test(codec.encode(MessageType.KIOSK_HEARTBEAT, p))) {
      lastSentNanos = System.nanoTime();
    }
  }

  /** Whether this part's thread runs a task within {@code within} (for the systemd watchdog). */
  public boolean responsive(java.time.Duration within) {
    return uk.gov.council.cap.kiosk.Responsiveness.answers(thread, within);
  }

  @Override
  public void close() {
    checks.shutdownNow();
    thread.shutdownNow();
  }
}
