package uk.gov.council.cap.systemtests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static uk.gov.council.cap.systemtests.Pages.button;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.sites.Site;

/**
 * Offers no one misses, and wrap-up then ready (ADR 0044): the offer rings, notifies and retitles
 * the tab; saving the outcome offers the next resident with no status to choose. Residents are
 * kiosks speaking the protocol, so the test is about the console alone.
 */
class OfferAndWrapUpEndToEndTest extends BrowserTest {
  /**
   * Counts what the page asks of the sound and notification APIs, and the advisor's own clicks and
   * key presses. The real APIs still run.
   */
  static final String INSTRUMENT =
      """
      (() => {
        window.__cap = { tones: 0, notices: [], clicks: 0, keys: 0 };
        document.addEventListener('click', (e) => { if (e.isTrusted) window.__cap.clicks++; }, true);
        document.addEventListener('keydown', (e) => { if (e.isTrusted) window.__cap.keys++; }, true);
        const Real = window.Notification;
        function Counted(title, options) {
          window.__cap.notices.push({ title, body: options && options.body });
          try { return new Real(title, options); } catch (e) { return { close() {} }; }
        }
        Object.defineProperty(Counted, 'permission', { get: () => Real.permission });
        Counted.requestPermission = (...a) => Real.requestPermission(...a);
        window.Notification = Counted;
        const make = AudioContext.prototype.createOscillator;
        AudioContext.prototype.createOscillator = function () {
          const tone = make.call(this);
          const start = tone.start.bind(tone);
          tone.start = (...a) => { window.__cap.tones++; return start(...a); };
          return tone;
        };
      })();
      """;

  private static RunningSystem system;
  private static Site site;

  @BeforeAll
  static void start() {
    // Offers wait two minutes: on a loaded machine the checks of a ringing offer outlast 20 s.
    system =
        new RunningSystem(
            true,
            120,
            c ->
                c.withTimings(
                    Duration.ofSeconds(120), Duration.ofSeconds(60), Duration.ofSeconds(2)),
            Map.of());
    site = system.server().repositories().sites().all().get(0);
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  /** The advisor's console, counted, with notifications allowed. */
  static Page console(BrowserContext window, String consoleUrl) {
    window.grantPermissions(
        List.of("notifications"),
        new BrowserContext.GrantPermissionsOptions().setOrigin(consoleUrl));
    window.addInitScript(INSTRUMENT);
    return window.newPage();
  }

  private static ProtocolSocket residentAsks(String kioskName) {
    KioskRepository.Enrolled k =
        system.server().repositories().kiosks().create(kioskName, site.id());
    ProtocolSocket kiosk =
        ProtocolSocket.kiosk(system.server().baseUrl(), k.kiosk().id(), k.secret());
    kiosk.await("kiosk.config");
    kiosk.send("call.request", Map.of());
    kiosk.await("call.queued");
    return kiosk;
  }

  private static String callIdOf(ProtocolSocket kiosk) {
    return kiosk.await("call.queued").path("callId").asText();
  }

  private static int count(Page page, String what) {
    return ((Number) page.evaluate("() => window.__cap." + what)).intValue();
  }

  @Test
  void anOfferRingsNotifiesAndRetitlesAndNotReadyKeepsTheAdvisorOut() {
    try (BrowserContext window = chromium.newWindow()) {
      Page console = console(window, system.consoleUrl());
      Pages.signIn(console, system.consoleUrl(), RunningSystem.ADVISOR, RunningSystem.PASSWORD);
      assertThat(console.getByLabel("Sound for incoming calls")).isChecked();
      assertThat(console.locator("#notify-status")).containsText("Notifications are on");
      // The advisor is working in another window.
      console.evaluate("() => { document.hasFocus = () => false; }");
      Pages.setStatus(console, "Available");

      try (ProtocolSocket kiosk = residentAsks("Flitwick kiosk")) {
        assertThat(button(console, "Accept call")).isFocused();
        assertThat(console).hasTitle("Incoming call – Calls – Customer Access Point");
        console.waitForFunction("() => window.__cap.tones > 0");
        console.waitForFunction("() => window.__cap.notices.length === 1");
        org.assertj.core.api.Assertions.assertThat(
                (String) console.evaluate("() => window.__cap.notices[0].title"))
            .isEqualTo("Incoming call");
        Axe.assertNoViolations(console, "console with an incoming call ringing");

        button(console, "Accept call").click();
        assertThat(console.locator("#call-heading")).isFocused();
        assertThat(console).hasTitle("Calls – Customer Access Point");

        kiosk.send("call.hangup", Map.of("callId", callIdOf(kiosk)));
        assertThat(console.locator("#ended-reason")).hasText("The resident ended the call.");
        assertThat(console.getByLabel("Notes")).isFocused();
        assertThat(console.locator("#status-now")).containsText("recording the outcome");
        Axe.assertNoViolations(console, "console wrap-up");

        console.getByLabel("Not ready for the next call").check();
        button(console, "Referred").click();
        assertThat(console.getByText("Outcome saved.")).isVisible();
        assertThat(console.locator("#status-now")).hasText("Status: Away");
        assertThat(console.locator("#status-now")).isFocused();
        Axe.assertNoViolations(console, "console after saving, not ready");
      }

      // Not ready: a resident who asks now waits in the queue and is not offered to them. The
      // queue shows them only after the desk has looked for an advisor.
      try (ProtocolSocket kiosk = residentAsks("Harlington kiosk")) {
        assertThat(console.locator("#queue-rows")).containsText("Harlington kiosk");
        assertThat(console.locator("#offer")).isHidden();
        kiosk.send("call.cancel", Map.of("callId", callIdOf(kiosk)));
        assertThat(console.locator("#queue-empty")).isVisible();
      }
    }
  }

  @Test
  void oneAdvisorTakesFiveQueuedResidentsInARowWithTwoClicksEach() {
    List<ProtocolSocket> residents = new ArrayList<>();
    try (BrowserContext window = chromium.newWindow()) {
      Page console = console(window, system.consoleUrl());
      Pages.signIn(console, system.consoleUrl(), RunningSystem.ADVISOR, RunningSystem.PASSWORD);
      // Signed in to the desk (the server has said their status): residents may ask now.
      assertThat(console.locator("#status-now")).not().containsText("Connecting");
      for (int i = 1; i <= 5; i++) {
        residents.add(residentAsks("Queue kiosk " + i));
      }
      Pages.setStatus(console, "Available");
      int clicksBefore = count(console, "clicks");
      int keysBefore = count(console, "keys");

      for (ProtocolSocket resident : residents) {
        String callId = callIdOf(resident);
        assertThat(button(console, "Accept call")).isFocused();
        button(console, "Accept call").click();
        resident.await("call.connected", p -> p.path("callId").asText().equals(callId));
        resident.send("call.hangup", Map.of("callId", callId));
        assertThat(console.getByLabel("Notes")).isFocused();
        button(console, "Resolved at first contact").click();
        assertThat(console.getByText("Outcome saved.")).isVisible();
      }

      assertThat(console.locator("#status-now")).hasText("Status: Available");
      org.assertj.core.api.Assertions.assertThat(count(console, "clicks") - clicksBefore)
          .as("clicks for five residents")
          .isEqualTo(10);
      org.assertj.core.api.Assertions.assertThat(count(console, "keys") - keysBefore).isZero();
    } finally {
      residents.forEach(ProtocolSocket::close);
    }
  }
}
