package uk.gov.council.cap.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.gov.council.cap.kiosk.KioskApp;
import uk.gov.council.cap.kiosk.KioskConfig;
import uk.gov.council.cap.server.CapServer;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.sites.OpeningHours;
import uk.gov.council.cap.server.staff.Role;

/**
 * Benchmark 2: from the advisor pressing "Accept call" to both peer connections being {@code
 * connected} in Chromium (the real console page, the real kiosk page through kiosk-app and the
 * server), against two RTCPeerConnections connecting inside one page.
 */
final class MediaConnectBench {
  static final int ITERATIONS = 20;
  private static final String RECORD_CONNECTED =
      "(() => {"
          + " const Native = window.RTCPeerConnection;"
          + " window.__connectedAt = null;"
          + " window.RTCPeerConnection = function (...args) {"
          + "   const pc = new Native(...args);"
          + "   pc.addEventListener('connectionstatechange', () => {"
          + "     if (pc.connectionState === 'connected' && window.__connectedAt === null) window.__connectedAt = performance.timeOrigin + performance.now();"
          + "   });"
          + "   return pc;"
          + " };"
          + " window.RTCPeerConnection.prototype = Native.prototype;"
          + "})();";

  record Result(Stats accept, Stats bare) {}

  Result run() throws Exception {
    CapServer server =
        CapServer.start(
            ServerConfig.defaults()
                .withPort(0)
                .withDataDir(Files.createTempDirectory("cap-bench-media"))
                .withTimings(
                    Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(30)));
    var repos = server.repositories();
    var site =
        repos
            .sites()
            .create(
                "Bench Library",
                "01632 960 000",
                ZoneId.of("Europe/London"),
                OpeningHours.parse("Mon-Sun 00:00-24:00"),
                List.of("general"),
                List.of(),
                120);
    repos
        .staff()
        .create("advisor", "Alex Advisor", Role.ADVISOR, Set.of("general"), "bench-password");
    KioskRepository.Enrolled k = repos.kiosks().create("Bench kiosk", site.id());
    KioskApp kiosk =
        KioskApp.start(
            KioskConfig.from(
                Map.of(
                    "CAP_SERVER_URL",
                    server.baseUrl(),
                    "CAP_KIOSK_ID",
                    k.kiosk().id(),
                    "CAP_KIOSK_SECRET",
                    k.secret(),
                    "CAP_KIOSK_UI_PORT",
                    "0"),
                List.of("--headless")));
    try (Playwright playwright =
            Playwright.create(
                new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser =
            playwright
                .chromium()
                .launch(
                    new BrowserType.LaunchOptions()
                        .setExecutablePath(
                            Path.of(
                                System.getenv().getOrDefault("CAP_CHROMIUM", "/usr/bin/chromium")))
                        .setArgs(
                            List.of(
                                "--use-fake-device-for-media-stream",
                                "--use-fake-ui-for-media-stream",
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync")))) {
      Browser.NewContextOptions media =
          new Browser.NewContextOptions().setPermissions(List.of("camera", "microphone"));
      BrowserContext consoleWindow = browser.newContext(media);
      consoleWindow.addInitScript(RECORD_CONNECTED);
      BrowserContext kioskWindow = browser.newContext(media);
      kioskWindow.addInitScript(RECORD_CONNECTED);
      Page console = consoleWindow.newPage();
      console.navigate(server.baseUrl() + "/index.html");
      console.getByLabel("Username").fill("advisor");
      console.getByLabel("Password").fill("bench-password");
      console.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
      console.waitForURL("**/console.html");
      Page kioskPage = kioskWindow.newPage();
      kioskPage.navigate(kiosk.uiUrl());

      List<Long> acceptToConnected = new ArrayList<>();
      for (int i = 0; i < ITERATIONS + 2; i++) {
        console.getByLabel("Available", new Page.GetByLabelOptions().setExact(true)).check();
        console.evaluate("() => { window.__connectedAt = null; }");
        kioskPage.evaluate("() => { window.__connectedAt = null; }");
        kioskPage
            .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Talk to an advisor"))
            .click();
        console
            .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Accept call"))
            .waitFor();
        double acceptAt =
            ((Number)
                    console.evaluate(
                        "() => { const t = performance.timeOrigin + performance.now();"
                            + " document.getElementById('accept').click(); return t; }"))
                .doubleValue();
        console.waitForFunction("() => window.__connectedAt !== null");
        kioskPage.waitForFunction("() => window.__connectedAt !== null");
        double connected =
            Math.max(
                ((Number) console.evaluate("() => window.__connectedAt")).doubleValue(),
                ((Number) kioskPage.evaluate("() => window.__connectedAt")).doubleValue());
        if (i >= 2) {
          acceptToConnected.add((long) ((connected - acceptAt) * 1_000_000));
        }
        console.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("End call")).click();
        kioskPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Finish")).click();
      }

      BrowserContext bareWindow = browser.newContext(media.setBypassCSP(true));
      Page bare = bareWindow.newPage();
      bare.navigate(server.baseUrl() + "/api/health");
      List<Long> bareConnect = new ArrayList<>();
      for (int i = 0; i < ITERATIONS + 2; i++) {
        double ms =
            ((Number)
                    bare.evaluate(
                        "async () => {"
                            + " const stream = await navigator.mediaDevices.getUserMedia({video: true, audio: true});"
                            + " const a = new RTCPeerConnection(), b = new RTCPeerConnection();"
                            + " a.onicecandidate = e => e.candidate && b.addIceCandidate(e.candidate);"
                            + " b.onicecandidate = e => e.candidate && a.addIceCandidate(e.candidate);"
                            + " stream.getTracks().forEach(t => a.addTrack(t, stream));"
                            + " const connected = pc => new Promise(r => { const f = () => pc.connectionState === 'connected' && r(); pc.onconnectionstatechange = f; f(); });"
                            + " const t0 = performance.now();"
                            + " const offer = await a.createOffer(); await a.setLocalDescription(offer); await b.setRemoteDescription(offer);"
                            + " const answer = await b.createAnswer(); await b.setLocalDescription(answer); await a.setRemoteDescription(answer);"
                            + " await Promise.all([connected(a), connected(b)]);"
                            + " const t = performance.now() - t0; a.close(); b.close(); stream.getTracks().forEach(t => t.stop()); return t; }"))
                .doubleValue();
        if (i >= 2) {
          bareConnect.add((long) (ms * 1_000_000));
        }
      }
      return new Result(
          Stats.of("accept -> both peers connected (console+kiosk)", acceptToConnected),
          Stats.of("bare in-page RTCPeerConnection connect", bareConnect));
    } finally {
      kiosk.close();
      server.close();
    }
  }
}
