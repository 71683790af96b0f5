package uk.gov.council.cap.server.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.protocol.ErrorCode;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.protocol.ProtocolCodec;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.db.Ids;
import uk.gov.council.cap.server.kiosks.Kiosk;
import uk.gov.council.cap.server.kiosks.KioskDetails;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.signalling.KioskSocketHandler;
import uk.gov.council.cap.server.signalling.Peer;
import uk.gov.council.cap.server.sites.Site;
import uk.gov.council.cap.server.sites.SiteRepository;
import uk.gov.council.cap.server.threads.SerialThread;
import uk.gov.council.cap.server.web.ApiError;

/**
 * Watches the fleet: which kiosks are connected and heard from (heartbeats), how their devices are,
 * and what to alert on. Like the call desk, all live state is on one thread ("fleet", a {@link
 * SerialThread} from the composition root), so there are no locks to reason about. A kiosk is
 * online while connected and heard from within {@code offlineAfter}; silent longer during its
 * site's opening hours, it raises an "offline" alert. A device reporting a fault raises a "device"
 * alert.
 */
public final class FleetMonitor implements KioskSocketHandler, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FleetMonitor.class);
  private static final Duration FLOOD_AUDIT_EVERY = Duration.ofMinutes(1);
  private static final Duration SCREENSHOT_KEPT = Duration.ofMinutes(10);
  private static final Set<String> WELL = Set.of("READY", "BUSY");

  private final KioskRepository kiosks;
  private final SiteRepository sites;
  private final FleetAlerts alerts;
  private final AuditLog audit;
  private final ProtocolCodec codec;
  private final Clock clock;
  private final Ids ids;
  private final ServerConfig.Fleet settings;
  private final SerialThread thread;
  // Set on shutdown: events still queued are dropped.
  private volatile boolean closed;

  private final Map<String, Live> live = new HashMap<>();
  private final Map<String, Command> commands = new LinkedHashMap<>();
  private final Map<String, Screenshot> screenshots = new HashMap<>();

  /**
   * What the monitor knows of one kiosk since this server started. Touched only on the fleet
   * thread.
   */
  private static final class Live {
    Peer peer;
    Instant lastHeard;
    Instant lastHeartbeat;
    String reportedState = "idle";
    String appVersion;
    List<DeviceReport> devices = List.of();
    Instant lastFloodAudit;
    int refusedSinceAudit;
  }

  public record DeviceReport(String device, String state, boolean simulated, String detail) {}

  /** A command a technician sent to a kiosk, and how it went. */
  public record Command(
      String id,
      String kioskId,
      String command,
      String requestedBy,
      Instant at,
      String status,
      String message) {
    Command finished(boolean ok, String text) {
      return new Command(id, kioskId, command, requestedBy, at, ok ? "done" : "failed", text);
    }
  }

  /** The kiosk's screen as it sent it; kept in memory only, for a few minutes. */
  public record Screenshot(String kioskId, Instant takenAt, byte[] png) {}

  /** A kiosk as the fleet page shows it, apart from its site, alerts and self-test. */
  public record Status(
      KioskDetails details,
      boolean online,
      Instant lastSeen,
      String appVersion,
      List<DeviceReport> devices) {}

  public FleetMonitor(
      KioskRepository kiosks,
      SiteRepository sites,
      FleetAlerts alerts,
      AuditLog audit,
      ProtocolCodec codec,
      Clock clock,
      Ids ids,
      ServerConfig.Fleet settings,
      SerialThread thread) {
    this.kiosks = kiosks;
    this.sites = sites;
    this.alerts = alerts;
    this.audit = audit;
    this.codec = codec;
    this.clock = clock;
    this.ids = ids;
    this.settings = settings;
    this.thread = thread;
  }

  /** Looks for silent kiosks every {@link ServerConfig.Fleet#checkEvery()}. */
  public void start(ScheduledExecutorService timer) {
    long every = settings.checkEvery().toMillis();
    timer.scheduleAtFixedRate(
        () -> onFleet(this::checkSilence), every, every, TimeUnit.MILLISECONDS);
  }

  // ---- events from the kiosk socket ----

  @Override
  public void kioskConnected(Kiosk kiosk, Peer peer) {
    onFleet(
        () -> {
          Live l = live.computeIfAbsent(kiosk.id(), id -> new Live());
          l.peer = peer;
          l.lastHeard = clock.now();
          kiosks.recordSeen(kiosk.id(), l.lastHeard, null);
          alerts.clear(kiosk.id(), "offline", "kiosk", l.lastHeard);
        });
  }

  @Override
  public void kioskDisconnected(Kiosk kiosk, Peer peer, Instant lastHeard) {
    onFleet(
        () -> {
          Live l = live.get(kiosk.id());
          if (l != null && l.peer == peer) {
            l.peer = null;
          }
        });
  }

  @Override
  public boolean takesFromKiosk(MessageType type) {
    return type == MessageType.KIOSK_HEARTBEAT || type == MessageType.KIOSK_COMMAND_DONE;
  }

  /**
   * kiosk.heartbeat and kiosk.command_done, already validated against their schemas at the edge.
   */
  @Override
  public void fromKiosk(Kiosk kiosk, Peer peer, Envelope msg) {
    onFleet(
        () -> {
          Live l = live.get(kiosk.id());
          if (l == null || l.peer != peer) {
            return;
          }
          switch (msg.type()) {
            case KIOSK_HEARTBEAT -> heartbeat(kiosk, l, msg);
            case KIOSK_COMMAND_DONE -> commandDone(kiosk, msg.payload());
            default ->
                peer.send(
                    codec.error(
                        ErrorCode.FORBIDDEN,
                        "Not a fleet message: " + msg.type().wireName(),
                        msg.id()));
          }
        });
  }

  private void heartbeat(Kiosk kiosk, Live l, Envelope msg) {
    Instant now = clock.now();
    if (l.lastHeartbeat != null
        && Duration.between(l.lastHeartbeat, now).compareTo(settings.minHeartbeatInterval()) < 0) {
      l.refusedSinceAudit++;
      // One audit entry a minute per flooding kiosk: the flood must not flood the audit log too.
      if (l.lastFloodAudit == null
          || Duration.between(l.lastFloodAudit, now).compareTo(FLOOD_AUDIT_EVERY) >= 0) {
        audit.record(
            kiosk.auditName(),
            "kiosk.heartbeat_flood",
            null,
            kiosk.id(),
            l.refusedSinceAudit
                + " heartbeat(s) refused: more than one in "
                + settings.minHeartbeatInterval().toSeconds()
                + " s");
        l.lastFloodAudit = now;
        l.refusedSinceAudit = 0;
      }
      l.peer.send(
          codec.error(
              ErrorCode.TOO_MANY,
              "Heartbeats are accepted at most once every "
                  + settings.minHeartbeatInterval().toSeconds()
                  + " seconds.",
              msg.id()));
      return;
    }
    JsonNode p = msg.payload();
    l.lastHeartbeat = now;
    l.lastHeard = now;
    l.appVersion = p.path("appVersion").asText();
    l.reportedState = p.path("state").asText();
    List<DeviceReport> devices = new ArrayList<>();
    for (JsonNode d : p.path("devices")) {
      devices.add(
          new DeviceReport(
              d.path("device").asText(),
              d.path("state").asText(),
              d.path("simulated").asBoolean(),
              d.path("detail").asText("")));
    }
    l.devices = List.copyOf(devices);
    kiosks.recordSeen(kiosk.id(), now, l.appVersion);
    Set<String> faulty = new HashSet<>();
    for (DeviceReport d : devices) {
      if (!WELL.contains(d.state())) {
        faulty.add(d.device());
        alerts.raise(
            kiosk.id(),
            "device",
            d.device(),
            deviceName(d.device())
                + ": "
                + words(d.state())
                + (d.detail().isBlank() ? "" : " (" + d.detail() + ")"),
            now);
      }
    }
    alerts.clearOthers(kiosk.id(), "device", faulty, now);
  }

  /**
   * Every few seconds: a kiosk silent for too long is offline, an alert if its site is open now.
   */
  private void checkSilence() {
    Instant now = clock.now();
    Map<String, Site> siteById = new HashMap<>();
    sites.all().forEach(s -> siteById.put(s.id(), s));
    for (KioskDetails k : kiosks.details()) {
      if (k.revoked() || k.lastSeenAt() == null) {
        continue; // revoked kiosks are meant to be off; one never seen has not been installed yet
      }
      Live l = live.get(k.kiosk().id());
      Instant lastHeard = l != null && l.lastHeard != null ? l.lastHeard : k.lastSeenAt();
      boolean silent = Duration.between(lastHeard, now).compareTo(settings.offlineAfter()) > 0;
      boolean connected = l != null && l.peer != null;
      if (connected && !silent) {
        continue;
      }
      if (silent && connected) {
        LOG.warn(
            "Kiosk {} is connected but has sent no heartbeat since {}: kiosk-app may be stuck",
            k.kiosk().name(),
            lastHeard);
      }
      Site site = siteById.get(k.kiosk().siteId());
      if (silent && site != null && site.openingHours().isOpen(now, site.timeZone())) {
        if (alerts.raise(
            k.kiosk().id(),
            "offline",
            "kiosk",
            k.kiosk().name()
                + " has not been heard from since "
                + lastHeard
                + ", during opening hours",
            now)) {
          LOG.warn("Kiosk {} is offline during opening hours", k.kiosk().name());
        }
      }
    }
  }

  // ---- what the fleet page asks ----

  public List<Status> statuses() {
    return onFleetAndWait(
        () -> {
          Instant now = clock.now();
          List<Status> out = new ArrayList<>();
          for (KioskDetails k : kiosks.details()) {
            Live l = live.get(k.kiosk().id());
            boolean online =
                !k.revoked()
                    && l != null
                    && l.peer != null
                    && l.lastHeard != null
                    && Duration.between(l.lastHeard, now).compareTo(settings.offlineAfter()) <= 0;
            Instant lastSeen = l != null && l.lastHeard != null ? l.lastHeard : k.lastSeenAt();
            String version = l != null && l.appVersion != null ? l.appVersion : k.appVersion();
            out.add(new Status(k, online, lastSeen, version, l == null ? List.of() : l.devices));
          }
          return out;
        });
  }

  /** Sends a command to a connected kiosk; refused with a reason when it cannot be sent now. */
  public Command send(String kioskId, String command, String requestedBy) {
    Command c =
        onFleetAndWait(
            () -> {
              Live l = live.get(kioskId);
              if (l == null || l.peer == null) {
                throw new ApiError(
                    409,
                    "The kiosk is offline, so it cannot be sent anything. Check its power and network.");
              }
              Command made =
                  new Command(ids.newId(), kioskId, command, requestedBy, clock.now(), "sent", "");
              commands.put(made.id(), made);
              trimCommands();
              l.peer.send(
                  codec.encode(
                      MessageType.KIOSK_COMMAND,
                      Map.of("commandId", made.id(), "command", command)));
              return made;
            });
    audit.record(
        requestedBy, "kiosk." + command + "_requested", null, kioskId, "command " + c.id());
    return c;
  }

  public Optional<Command> command(String commandId) {
    return onFleetAndWait(() -> Optional.ofNullable(commands.get(commandId)));
  }

  private void commandDone(Kiosk kiosk, JsonNode p) {
    Command c = commands.get(p.path("commandId").asText());
    if (c == null || !c.kioskId().equals(kiosk.id())) {
      audit.record(
          kiosk.auditName(),
          "kiosk.command_refused",
          null,
          kiosk.id(),
          "answered a command it was not sent");
      return;
    }
    Command done = c.finished(p.path("ok").asBoolean(), p.path("message").asText(""));
    commands.put(c.id(), done);
    audit.record(
        kiosk.auditName(),
        "kiosk." + c.command() + (done.status().equals("done") ? "_done" : "_failed"),
        null,
        kiosk.id(),
        done.message());
  }

  /** A screenshot the kiosk uploads for a command it was sent. */
  public void screenshotArrived(Kiosk kiosk, String commandId, byte[] png) {
    onFleetAndWait(
        () -> {
          Command c = commands.get(commandId);
          if (c == null || !c.kioskId().equals(kiosk.id()) || !c.command().equals("screenshot")) {
            throw new ApiError(403, "This kiosk was not asked for that screenshot.");
          }
          screenshots.put(kiosk.id(), new Screenshot(kiosk.id(), clock.now(), png));
          return null;
        });
  }

  public Optional<Screenshot> screenshot(String kioskId) {
    return onFleetAndWait(
        () -> {
          Screenshot s = screenshots.get(kioskId);
          if (s != null
              && Duration.between(s.takenAt(), clock.now()).compareTo(SCREENSHOT_KEPT) > 0) {
            screenshots.remove(kioskId);
            s = null;
          }
          return Optional.ofNullable(s);
        });
  }

  /** Refuses the kiosk's credentials from now on and closes its connection. */
  public void revoke(String kioskId, String by) {
    if (!kiosks.revoke(kioskId)) {
      throw kiosks.find(kioskId).isEmpty()
          ? ApiError.notFound("There is no kiosk with that id.")
          : new ApiError(409, "That kiosk is already revoked.");
    }
    audit.record(by, "kiosk.revoked", null, kioskId, "credentials refused from now on");
    onFleetAndWait(
        () -> {
          Live l = live.remove(kioskId);
          if (l != null && l.peer != null) {
            l.peer.close(4403, "This kiosk has been revoked");
          }
          screenshots.remove(kioskId);
          alerts.clearAll(kioskId, clock.now());
          return null;
        });
  }

  private void trimCommands() {
    while (commands.size() > 500) {
      commands.remove(commands.keySet().iterator().next());
    }
  }

  static String deviceName(String device) {
    return switch (device) {
      case "scanner" -> "Scanner";
      case "printer" -> "Printer";
      case "document_camera" -> "Document camera";
      default -> device;
    };
  }

  private static String words(String state) {
    // The same words as the device drivers' DeviceState (the server does not depend on the
    // drivers).
    return switch (state) {
      case "OUT_OF_PAPER" -> "Out of paper";
      case "PAPER_JAM" -> "Paper jam";
      case "UNPLUGGED" -> "Not connected";
      case "FAILED" -> "Not working";
      default -> state;
    };
  }

  private void onFleet(Runnable task) {
    thread.execute(
        () -> {
          if (!closed) {
            task.run();
          }
        });
  }

  private <T> T onFleetAndWait(Callable<T> task) {
    return thread.ask(task);
  }

  /** Stops taking events; the thread itself is the composition root's to stop. */
  @Override
  public void close() {
    closed = true;
  }
}
