package uk.gov.council.cap.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import uk.gov.council.cap.server.CapServer;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.sites.OpeningHours;
import uk.gov.council.cap.server.staff.Role;

/**
 * Benchmark 10 (ADR 0044): the advisor's presses from an offer to being ready for the next call,
 * counted on the real console page in Chromium, and the time from saving the outcome to the next
 * offer showing when a resident is waiting. Residents are kiosks speaking the protocol.
 */
final class OfferToReadyBench {
  static final int ITERATIONS = 20;
  private static final String COUNT =
      "(() => {"
          + " window.__cap = { clicks: 0, keys: 0, offerAt: null };"
          + " document.addEventListener('click', e => { if (e.isTrusted) window.__cap.clicks++; }, true);"
          + " document.addEventListener('keydown', e => { if (e.isTrusted) window.__cap.keys++; }, true);"
          + " document.addEventListener('DOMContentLoaded', () => {"
          + "   const offer = document.getElementById('offer');"
          + "   new MutationObserver(() => { if (!offer.hidden && window.__cap.offerAt === null)"
          + "     window.__cap.offerAt = performance.timeOrigin + performance.now(); })"
          + "     .observe(offer, { attributes: true, attributeFilter: ['hidden'] });"
          + " });"
          + "})();";

  /** Presses for one flow: mouse clicks, or key presses with the keyboard alone. */
  record Presses(String flow, int clicks, int keys) {}

  record Result(List<Presses> presses, Stats saveToOffer, Stats availableToOffer) {}

  /** A kiosk whose resident asks for calls and hangs up. */
  private static final class Resident {
    record Heard(String type, JsonNode payload) {}

    final LinkedBlockingQueue<Heard> heard = new LinkedBlockingQueue<>();
    final BenchSocket socket;
    String callId;

    Resident(HttpClient http, String ws, KioskRepository.Enrolled k) {
      socket =
          new BenchSocket(
              http,
              URI.create(ws + "/ws/kiosk"),
              Map.of("Authorization", "Kiosk " + k.kiosk().id() + ":" + k.secret()),
              (type, p) -> heard.add(new Heard(type, p)));
    }

    JsonNode await(String type) throws InterruptedException {
      while (true) {
        Heard m = heard.poll(30, TimeUnit.SECONDS);
        if (m == null) {
          throw new IllegalStateException("The kiosk never heard " + type);
        }
        if (m.type().equals(type)) {
          return m.payload();
        }
      }
    }

    void asks() throws InterruptedException {
      socket.send("call.request", Map.of());
      callId = await("call.queued").path("callId").asText();
    }

    void hangsUp() {
      socket.send("call.hangup", Map.of("callId", callId));
    }
  }

  Result run() throws Exception {
    CapServer server =
        CapServer.start(
            ServerConfig.defaults()
                .withPort(0)
                .withDataDir(Files.createTempDirectory("cap-bench-wrapup"))
                .withTimings(
                    Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(60)));
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
    HttpClient http = HttpClient.newHttpClient();
    String ws = server.baseUrl().replaceFirst("^http", "ws");
    List<Resident> residents = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Resident r = new Resident(http, ws, repos.kiosks().create("Bench kiosk " + i, site.id()));
      r.await("kiosk.config");
      residents.add(r);
    }
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
      BrowserContext window =
          browser.newContext(
              new Browser.NewContextOptions().setPermissions(List.of("camera", "microphone")));
      window.addInitScript(COUNT);
      Page console = window.newPage();
      console.navigate(server.baseUrl() + "/index.html");
      console.getByLabel("Username").fill("advisor");
      console.getByLabel("Password").fill("bench-password");
      button(console, "Sign in").click();
      console.waitForURL("**/console.html");
      console.locator("#status-now:not(:has-text('Connecting'))").waitFor();
      console.getByLabel("Available", new Page.GetByLabelOptions().setExact(true)).check();

      List<Presses> presses = new ArrayList<>();
      Resident a = residents.get(0);
      Resident b = residents.get(1);
      presses.add(byMouse(console, a, true));
      presses.add(byMouse(console, b, false));
      presses.add(byKeyboard(console, a, true));
      presses.add(byKeyboard(console, b, false));

      // Save -> next offer, a resident waiting: the new flow. Each round starts in a call.
      residents.get(0).asks();
      accept(console, residents.get(0));
      List<Long> saveToOffer = new ArrayList<>();
      List<Long> availableToOffer = new ArrayList<>();
      for (int i = 0; i < ITERATIONS + 2; i++) {
        Resident now = residents.get(i % 2);
        Resident next = residents.get((i + 1) % 2);
        inCallThenEnded(console, now);
        next.asks();
        long nanos = untilOffer(console, "outcome-resolved");
        if (i >= 2) {
          saveToOffer.add(nanos);
        }
        accept(console, next);
      }
      // The old flow's last step, on the same page: saved as not ready, then Available chosen.
      for (int i = 0; i < ITERATIONS + 2; i++) {
        Resident now = residents.get(i % 2);
        Resident next = residents.get((i + 1) % 2);
        inCallThenEnded(console, now);
        next.asks();
        console.getByLabel("Not ready for the next call").check();
        button(console, "Resolved at first contact").click();
        console.locator("#status-now:has-text('Away')").waitFor();
        long nanos = untilOffer(console, "status-available");
        if (i >= 2) {
          availableToOffer.add(nanos);
        }
        accept(console, next);
      }
      return new Result(
          presses,
          Stats.of("Save (outcome button) -> next offer shown", saveToOffer),
          Stats.of("baseline: Available chosen -> next offer shown", availableToOffer));
    } finally {
      residents.forEach(r -> r.socket.close());
      server.close();
    }
  }

  private static com.microsoft.playwright.Locator button(Page page, String name) {
    return page.getByRole(
        AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
  }

  private static int count(Page console, String what) {
    return ((Number) console.evaluate("() => window.__cap." + what)).intValue();
  }

  /** One call, offer to ready for the next, with the mouse; counts clicks. */
  private static Presses byMouse(Page console, Resident r, boolean residentEnds)
      throws InterruptedException {
    r.asks();
    int before = count(console, "clicks");
    button(console, "Accept call").click();
    r.await("call.connected");
    if (residentEnds) {
      r.hangsUp();
    } else {
      button(console, "End call").click();
    }
    button(console, "Resolved at first contact").click();
    console.locator("#status-now:has-text('Available')").waitFor();
    return new Presses(
        (residentEnds ? "resident ends the call" : "advisor ends the call") + ", mouse",
        count(console, "clicks") - before,
        0);
  }

  /**
   * The same with the keyboard alone, from where the page puts the focus: Enter on Accept, Tab to
   * End call, Tab to the outcome, Enter. Counts every key pressed.
   */
  private static Presses byKeyboard(Page console, Resident r, boolean residentEnds)
      throws InterruptedException {
    r.asks();
    button(console, "Accept call").waitFor();
    int before = count(console, "keys");
    console.keyboard().press("Enter");
    r.await("call.connected");
    if (residentEnds) {
      r.hangsUp();
    } else {
      tabTo(console, "end-call");
      console.keyboard().press("Enter");
    }
    console.locator("#notes:focus").waitFor();
    tabTo(console, "outcome-resolved");
    console.keyboard().press("Enter");
    console.locator("#status-now:has-text('Available')").waitFor();
    return new Presses(
        (residentEnds ? "resident ends the call" : "advisor ends the call") + ", keyboard",
        0,
        count(console, "keys") - before);
  }

  private static void tabTo(Page console, String id) {
    for (int i = 0; i < 200; i++) {
      if (id.equals(
          console.evaluate("() => document.activeElement && document.activeElement.id"))) {
        return;
      }
      console.keyboard().press("Tab");
    }
    throw new IllegalStateException("Tab never reached #" + id);
  }

  private static void inCallThenEnded(Page console, Resident r) throws InterruptedException {
    r.hangsUp();
    button(console, "Resolved at first contact").waitFor();
  }

  /** Clicks the element (by id) and returns the nanoseconds until the next offer is shown. */
  private static long untilOffer(Page console, String id) {
    double clickedAt =
        ((Number)
                console.evaluate(
                    "id => { window.__cap.offerAt = null; const t = performance.timeOrigin + performance.now();"
                        + " document.getElementById(id).click(); return t; }",
                    id))
            .doubleValue();
    console.waitForFunction("() => window.__cap.offerAt !== null");
    double shownAt = ((Number) console.evaluate("() => window.__cap.offerAt")).doubleValue();
    return (long) ((shownAt - clickedAt) * 1_000_000);
  }

  /** Accepts the offered call: the resident's call is then in progress. */
  private static void accept(Page console, Resident r) throws InterruptedException {
    button(console, "Accept call").click();
    r.await("call.connected");
  }
}
