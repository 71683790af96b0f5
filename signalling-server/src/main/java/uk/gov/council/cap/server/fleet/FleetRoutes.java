package uk.gov.council.cap.server.fleet;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.kiosks.Kiosk;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.routing.CallDesk;
import uk.gov.council.cap.server.sites.Site;
import uk.gov.council.cap.server.sites.SiteRepository;
import uk.gov.council.cap.server.staff.Access;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.StaffAuth;
import uk.gov.council.cap.server.web.ApiError;
import uk.gov.council.cap.server.web.BodyLimit;

/**
 * The fleet page's API (technicians and admins act; supervisors may look) and the kiosk's own fleet
 * calls, which it makes with its credentials: its self-test results, the screenshot it was asked
 * for, and what the server knows of it.
 */
public final class FleetRoutes {
  /**
   * fleet_alerts.subject is 40 characters; a longer check name is shortened there (in full in the
   * message).
   */
  static final int ALERT_SUBJECT_CHARS = 40;

  private static final Set<String> COMMANDS = Set.of("restart", "screenshot");

  private final FleetMonitor monitor;
  private final FleetAlerts alerts;
  private final SelfTestRepository selfTests;
  private final KioskRepository kiosks;
  private final SiteRepository sites;
  private final CallDesk desk;
  private final AuditLog audit;
  private final Clock clock;
  private final int maxScreenshotBytes;

  public FleetRoutes(
      FleetMonitor monitor,
      FleetAlerts alerts,
      SelfTestRepository selfTests,
      KioskRepository kiosks,
      SiteRepository sites,
      CallDesk desk,
      AuditLog audit,
      Clock clock,
      int maxScreenshotBytes) {
    this.maxScreenshotBytes = maxScreenshotBytes;
    this.monitor = monitor;
    this.alerts = alerts;
    this.selfTests = selfTests;
    this.kiosks = kiosks;
    this.sites = sites;
    this.desk = desk;
    this.audit = audit;
    this.clock = clock;
  }

  public record CommandInput(String command) {}

  public record SelfTestInput(List<SelfTestRepository.Check> checks) {}

  public void register(Javalin app) {
    app.get("/api/fleet", this::fleet, Role.TECHNICIAN, Role.ADMIN, Role.SUPERVISOR);
    app.put("/api/kiosks/{id}/devices", this::setDevices, Role.TECHNICIAN, Role.ADMIN);
    app.post(
        "/api/kiosks/{id}/revoke",
        ctx -> {
          monitor.revoke(ctx.pathParam("id"), StaffAuth.staff(ctx).auditName());
          ctx.json(Map.of("kioskId", ctx.pathParam("id"), "revoked", true));
        },
        Role.TECHNICIAN,
        Role.ADMIN);
    app.post("/api/kiosks/{id}/commands", this::command, Role.TECHNICIAN, Role.ADMIN);
    app.get(
        "/api/kiosk-commands/{id}",
        ctx ->
            ctx.json(
                commandView(
                    monitor
                        .command(ctx.pathParam("id"))
                        .orElseThrow(() -> ApiError.notFound("There is no such command.")))),
        Role.TECHNICIAN,
        Role.ADMIN);
    app.get("/api/kiosks/{id}/screenshot", this::screenshot, Role.TECHNICIAN, Role.ADMIN);
    app.put("/api/kiosk/screenshots/{commandId}", this::screenshotUpload, Access.KIOSK);
    app.post("/api/kiosk/self-test", this::selfTest, Access.KIOSK);
    app.get("/api/kiosk/self", this::self, Access.KIOSK);
  }

  private void fleet(Context ctx) {
    Map<String, Site> siteById = new HashMap<>();
    sites.all().forEach(s -> siteById.put(s.id(), s));
    Map<String, SelfTestRepository.Report> tests = selfTests.latestOfEach();
    Set<String> busy = desk.busyKiosks();
    Map<String, String> names = new HashMap<>();
    List<Map<String, Object>> rows = new ArrayList<>();
    Instant now = clock.now();
    for (FleetMonitor.Status s : monitor.statuses()) {
      Kiosk k = s.details().kiosk();
      names.put(k.id(), k.name());
      Site site = siteById.get(k.siteId());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", k.id());
      m.put("name", k.name());
      m.put("siteId", k.siteId());
      m.put("siteName", site == null ? "" : site.name());
      m.put("siteOpen", site != null && site.openingHours().isOpen(now, site.timeZone()));
      m.put(
          "state",
          s.details().revoked()
              ? "revoked"
              : !s.online() ? "offline" : busy.contains(k.id()) ? "in_call" : "idle");
      m.put("online", s.online());
      m.put("lastSeen", s.lastSeen() == null ? null : s.lastSeen().toString());
      m.put("appVersion", s.appVersion());
      m.put("enrolledAt", s.details().enrolledAt().toString());
      m.put(
          "revokedAt", s.details().revokedAt() == null ? null : s.details().revokedAt().toString());
      m.put("devices", s.devices());
      m.put("deviceSettings", kiosks.deviceSettings(k.id()));
      SelfTestRepository.Report t = tests.get(k.id());
      m.put(
          "selfTest",
          t == null
              ? null
              : Map.of("ranAt", t.ranAt().toString(), "passed", t.passed(), "checks", t.checks()));
      rows.add(m);
    }
    List<Map<String, Object>> alertRows =
        alerts.open().stream()
            .map(
                a -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("kioskId", a.kioskId());
                  m.put("kioskName", names.getOrDefault(a.kioskId(), a.kioskId()));
                  m.put("kind", a.kind());
                  m.put("subject", a.subject());
                  m.put("message", a.message());
                  m.put("raisedAt", a.raisedAt().toString());
                  return m;
                })
            .toList();
    ctx.header("Cache-Control", "no-store")
        .json(Map.of("kiosks", rows, "alerts", alertRows, "serverTime", now.toString()));
  }

  private void setDevices(Context ctx) {
    String id = ctx.pathParam("id");
    if (kiosks.find(id).isEmpty()) {
      throw ApiError.notFound("There is no kiosk with that id.");
    }
    Map<String, String> settings = ctx.bodyAsClass(DeviceSettings.class).validated();
    kiosks.setDeviceSettings(id, settings);
    desk.kioskSettingsChanged(id);
    audit.record(
        StaffAuth.staff(ctx).auditName(), "kiosk.devices_changed", null, id, settings.toString());
    ctx.json(Map.of("kioskId", id, "deviceSettings", settings));
  }

  private void command(Context ctx) {
    String id = ctx.pathParam("id");
    String command = ctx.bodyAsClass(CommandInput.class).command();
    if (command == null || !COMMANDS.contains(command)) {
      throw new ApiError(400, "Choose restart or screenshot.");
    }
    if (kiosks.find(id).isEmpty()) {
      throw ApiError.notFound("There is no kiosk with that id.");
    }
    if (command.equals("screenshot") && desk.kioskBusy(id)) {
      // The screen then shows a resident, their video and what they type: not for the fleet page.
      throw new ApiError(
          409,
          "The kiosk is being used by a resident. A screenshot would show them: try again when it is free.");
    }
    ctx.status(202).json(commandView(monitor.send(id, command, StaffAuth.staff(ctx).auditName())));
  }

  private static Map<String, Object> commandView(FleetMonitor.Command c) {
    return Map.of(
        "commandId",
        c.id(),
        "kioskId",
        c.kioskId(),
        "command",
        c.command(),
        "status",
        c.status(),
        "message",
        c.message(),
        "requestedAt",
        c.at().toString());
  }

  private void screenshot(Context ctx) {
    FleetMonitor.Screenshot s =
        monitor
            .screenshot(ctx.pathParam("id"))
            .orElseThrow(
                () ->
                    ApiError.notFound("There is no recent screenshot of this kiosk. Ask for one."));
    audit.record(
        StaffAuth.staff(ctx).auditName(),
        "kiosk.screenshot_viewed",
        null,
        s.kioskId(),
        "taken " + s.takenAt());
    ctx.header("Cache-Control", "no-store")
        .header("X-Taken-At", s.takenAt().toString())
        .contentType("image/png")
        .result(s.png());
  }

  private void screenshotUpload(Context ctx) throws IOException {
    Kiosk kiosk = kioskOf(ctx);
    String tooLarge =
        "A screenshot must be " + maxScreenshotBytes / (1024 * 1024) + " MB or smaller.";
    if (ctx.contentLength() > maxScreenshotBytes) {
      throw new ApiError(413, tooLarge);
    }
    BodyLimit.allow(ctx, maxScreenshotBytes);
    byte[] png;
    try (InputStream in = ctx.bodyInputStream()) {
      png = in.readNBytes(maxScreenshotBytes + 1);
    }
    if (png.length > maxScreenshotBytes) {
      throw new ApiError(413, tooLarge);
    }
    if (png.length < 8
        || (png[0] & 0xff) != 0x89
        || png[1] != 'P'
        || png[2] != 'N'
        || png[3] != 'G') {
      throw new ApiError(415, "A screenshot must be a PNG image.");
    }
    monitor.screenshotArrived(kiosk, ctx.pathParam("commandId"), png);
    ctx.status(201).json(Map.of("bytes", png.length));
  }

  private void selfTest(Context ctx) {
    Kiosk kiosk = kioskOf(ctx);
    SelfTestInput in = ctx.bodyAsClass(SelfTestInput.class);
    if (in.checks() == null || in.checks().isEmpty() || in.checks().size() > 40) {
      throw new ApiError(400, "Send between 1 and 40 checks.");
    }
    List<SelfTestRepository.Check> checks = new ArrayList<>();
    for (SelfTestRepository.Check c : in.checks()) {
      if (c == null || c.check() == null || c.check().isBlank() || c.check().length() > 60) {
        throw new ApiError(400, "Each check needs a name of 60 characters or fewer.");
      }
      checks.add(
          new SelfTestRepository.Check(
              c.check().strip(), c.passed(), clip(c.detail()), clip(c.fix())));
    }
    Instant now = clock.now();
    SelfTestRepository.Report report = selfTests.save(kiosk.id(), checks, now);
    for (SelfTestRepository.Check c : checks) {
      if (!c.passed()) {
        alerts.raise(
            kiosk.id(),
            "self_test",
            alertSubject(c.check()),
            "Self-test failed: " + c.check() + ": " + c.detail(),
            now);
      }
    }
    alerts.clearOthers(
        kiosk.id(),
        "self_test",
        Set.copyOf(
            checks.stream().filter(c -> !c.passed()).map(c -> alertSubject(c.check())).toList()),
        now);
    long failed = checks.stream().filter(c -> !c.passed()).count();
    audit.record(
        kiosk.auditName(),
        "kiosk.self_test",
        null,
        kiosk.id(),
        checks.size()
            + " checks, "
            + failed
            + " failed"
            + (failed == 0
                ? ""
                : ": "
                    + String.join(
                        ", ",
                        checks.stream()
                            .filter(c -> !c.passed())
                            .map(SelfTestRepository.Check::check)
                            .toList())));
    ctx.status(201)
        .json(Map.of("passed", report.passed(), "checks", checks.size(), "failed", failed));
  }

  /** What the server knows of the calling kiosk, for `provisioning status`. */
  private void self(Context ctx) {
    Kiosk kiosk = kioskOf(ctx);
    Site site = sites.find(kiosk.siteId()).orElseThrow();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kioskId", kiosk.id());
    m.put("kioskName", kiosk.name());
    m.put("siteName", site.name());
    m.put("openingHours", site.openingHours().text());
    m.put("idleTimeoutSeconds", site.idleTimeoutSeconds());
    m.put("deviceSettings", kiosks.deviceSettings(kiosk.id()));
    m.put(
        "lastSelfTest",
        selfTests
            .latest(kiosk.id())
            .map(r -> Map.of("ranAt", r.ranAt().toString(), "passed", r.passed()))
            .orElse(null));
    ctx.json(m);
  }

  private Kiosk kioskOf(Context ctx) {
    String authorization = ctx.header("Authorization");
    return kiosks
        .fromAuthorizationHeader(authorization)
        .orElseThrow(
            () -> {
              String claimed = KioskRepository.claimedKioskId(authorization);
              if (claimed != null && kiosks.isRevoked(claimed)) {
                audit.record(
                    "kiosk:" + claimed,
                    "kiosk.revoked_refused",
                    null,
                    claimed,
                    "REST " + ctx.path());
                return new ApiError(
                    401,
                    "This kiosk has been revoked. A technician must make a new token and enrol it again.");
              }
              return new ApiError(401, "Kiosk credentials were not accepted.");
            });
  }

  /**
   * The alert's subject for a check: its name, shortened to what the alerts table holds. A
   * technician's newer provisioning tool may name a check at length; its result and its alert must
   * not be lost for that.
   */
  static String alertSubject(String check) {
    return check.length() <= ALERT_SUBJECT_CHARS
        ? check
        : check.substring(0, ALERT_SUBJECT_CHARS - 1) + "…";
  }

  private static String clip(String text) {
    if (text == null) {
      return "";
    }
    return text.length() > 500 ? text.substring(0, 500) : text;
  }
}
