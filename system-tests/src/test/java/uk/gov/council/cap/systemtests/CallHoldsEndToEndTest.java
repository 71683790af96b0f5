package uk.gov.council.cap.systemtests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static uk.gov.council.cap.systemtests.Pages.button;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.ServerConfig;

/**
 * The call holds, as the resident and the advisor would notice: a quiet call is not dropped; a
 * kiosk screen that reloads, or a kiosk-app that restarts, comes back to the same call and case
 * (with the payment or form the resident was in the middle of); a kiosk-app that does not come back
 * ends the call when it was last heard; a kiosk without a camera or microphone still reaches the
 * advisor by typed messages; and the screens that say so are accessible.
 */
class CallHoldsEndToEndTest extends BrowserTest {
  private static final String KIOSK_RECONNECTING = "Reconnecting you to the advisor. Please wait.";
  private static final LocatorAssertions.IsVisibleOptions WITHIN_10_S =
      new LocatorAssertions.IsVisibleOptions().setTimeout(10_000);
  private static final LocatorAssertions.IsHiddenOptions HIDDEN_WITHIN_10_S =
      new LocatorAssertions.IsHiddenOptions().setTimeout(10_000);
  private static final ObjectMapper JSON = new ObjectMapper();

  // ---- 1. a quiet call is not dropped ----

  @Test
  void aQuietCallHoldsForNinetySecondsWithTheDefaultTimings() throws Exception {
    try (RunningSystem system = new RunningSystem(true);
        BrowserContext consoleWindow = chromium.newWindow();
        BrowserContext kioskWindow = chromium.newWindow()) {
      Page console = consoleWindow.newPage();
      Page kiosk = kioskWindow.newPage();
      startCallAndSeeEachOther(console, kiosk, system);

      // Nobody touches either screen for 90 s: more than Jetty's 30 s idle timeout (which used to
      // drop every
      // quiet call on the kiosk's loopback bridge), the 10 s silence limits and the 15 s grace,
      // several times.
      staysQuiet(console, kiosk, Duration.ofSeconds(90));

      stillInTheCall(console, kiosk);
      assertThat(Pages.isPlayingFrames(console, "#remote-video"))
          .as("the console still shows the resident's video")
          .isTrue();
      assertThat(Pages.isPlayingFrames(kiosk, "#remote-video"))
          .as("the kiosk still shows the advisor's video")
          .isTrue();
      JsonNode theCase = onlyCase(consoleWindow, system);
      assertThat(timelineKinds(theCase)).doesNotContain("call.paused");
      assertThat(theCase.path("contacts").get(0).path("state").asText()).isEqualTo("CONNECTED");
    }
  }

  @Test
  void aQuietCallHoldsWellPastTinyTimings() throws Exception {
    // Pings every 200 ms, a socket silent for 1 s is dead, a dropped side has 1 s to come back, and
    // kiosk-app
    // tells its screen it is there every 200 ms: every one of them is tested many times over in 15
    // s.
    Duration tiny = Duration.ofMillis(200);
    UnaryOperator<ServerConfig> server =
        c ->
            c.withCallHold(
                new ServerConfig.CallHold(
                    tiny, Duration.ofSeconds(1), Duration.ofSeconds(1), tiny));
    Map<String, String> kioskApp =
        Map.of("CAP_KIOSK_SCREEN_BEAT_MILLIS", "200", "CAP_KIOSK_SERVER_SILENCE_MILLIS", "1000");
    try (RunningSystem system = new RunningSystem(true, 120, server, kioskApp);
        BrowserContext consoleWindow = chromium.newWindow();
        BrowserContext kioskWindow = chromium.newWindow()) {
      Page console = consoleWindow.newPage();
      Page kiosk = kioskWindow.newPage();
      startCallAndSeeEachOther(console, kiosk, system);

      staysQuiet(console, kiosk, Duration.ofSeconds(15));

      stillInTheCall(console, kiosk);
      assertThat(Pages.isPlayingFrames(console, "#remote-video"))
          .as("the console still shows the resident's video")
          .isTrue();
      JsonNode theCase = onlyCase(consoleWindow, system);
      assertThat(timelineKinds(theCase)).doesNotContain("call.paused");
      assertThat(theCase.path("contacts").get(0).path("state").asText()).isEqualTo("CONNECTED");
    }
  }

  // ---- 2. the kiosk's screen reloads ----

  @Test
  void aReloadedKioskScreenComesBackToTheSameCallAndCase() throws Exception {
    try (RunningSystem system = new RunningSystem(true);
        BrowserContext consoleWindow = chromium.newWindow();
        BrowserContext kioskWindow = chromium.newWindow()) {
      Page console = consoleWindow.newPage();
      Page kiosk = kioskWindow.newPage();
      startCallAndSeeEachOther(console, kiosk, system);
      Pages.recordTextsShown(console, "#call-notice");

      kiosk.reload();

      // The advisor was told, then the call carried on: the notice went and the resident's picture
      // is back.
      comesBack(console, kiosk);
      assertThat(Pages.textsShown(console, "#call-notice"))
          .anySatisfy(
              text ->
                  assertThat(text)
                      .startsWith(
                          "Warning The kiosk's screen restarted. Reconnecting… The call ends if it is not back within"));
      assertThat(Pages.isPlayingFrames(console, "#remote-video"))
          .as("the console shows the resident again")
          .isTrue();
      assertThat(Pages.isPlayingFrames(kiosk, "#remote-video"))
          .as("the kiosk shows the advisor again")
          .isTrue();

      // The same call on the same case, not a new one.
      JsonNode during = onlyCase(consoleWindow, system);
      assertThat(during.path("contacts")).hasSize(1);
      assertThat(during.path("contacts").get(0).path("state").asText()).isEqualTo("CONNECTED");

      Pages.endCallOnKiosk(kiosk);
      assertThat(button(console, "Resolved at first contact")).isVisible();
      assertThat(console.locator("#ended-reason")).hasText("The resident ended the call.");
      JsonNode after = onlyCase(consoleWindow, system);
      assertThat(after.path("contacts")).hasSize(1);
      assertThat(after.path("contacts").get(0).path("endReason").asText())
          .isEqualTo("hangup_kiosk");
      assertThat(timelineKinds(after)).contains("call.paused", "call.resumed");
    }
  }

  @Test
  void aReloadedConsoleComesBackToTheSameCall() throws Exception {
    try (RunningSystem system = new RunningSystem(true);
        BrowserContext consoleWindow = chromium.newWindow();
        BrowserContext kioskWindow = chromium.newWindow()) {
      Page console = consoleWindow.newPage();
      Page kiosk = kioskWindow.newPage();
      startCallAndSeeEachOther(console, kiosk, system);
      Pages.recordTextsShown(kiosk, "#call-notice");

      console.reload();

      assertThat(
              console.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("In a call")))
          .isVisible(WITHIN_10_S);
      comesBack(console, kiosk);
      assertThat(Pages.textsShown(kiosk, "#call-notice"))
          .contains("The advisor's connection dropped. Please wait, they are coming back.");
      assertThat(Pages.isPlayingFrames(console, "#remote-video"))
          .as("the console shows the resident again")
          .isTrue();
      assertThat(Pages.isPlayingFrames(kiosk, "#remote-video"))
          .as("the kiosk shows the advisor again")
          .isTrue();

      button(console, "End call").click();
      assertThat(kiosk.getByText("Your call has ended. Thank you.")).isVisible();
      JsonNode after = onlyCase(consoleWindow, system);
      assertThat(after.path("contacts")).hasSize(1);
      assertThat(after.path("contacts").get(0).path("endReason").asText())
          .isEqualTo("hangup_advisor");
    }
  }

  // ---- 3. the kiosk's screen reloads in the middle of a payment or a form ----

  @Test
  void aKioskScreenReloadedWhileTheCardIsAwaitedShowsThePaymentAgain() throws Exception {
    try (RunningSystem system = new RunningSystem(true);
        BrowserContext consoleWindow = chromium.newWindow();
        BrowserContext kioskWindow = chromium.newWindow()) {
      Page console = consoleWindow.newPage();
      Page kiosk = kioskWindow.newPage();
      Pages.startCall(console, kiosk, system);
      assertThat(button(kiosk, "End call")).isVisible();
      console.getByLabel("Garden waste subscription (12 months): £45.00").check();
      button(console, "Send to kiosk").click();
      button(kiosk, "Pay £45.00 by card").click();
      assertThat(heading(kiosk, "Tap or insert your card")).isVisible();
      assertThat(console.locator("#payment-status")).containsText("Waiting for the card");

      kiosk.reload();

      // Back where the resident was: the card is still awaited, on both screens, and can still be
      // paid.
      comesBack(console, kiosk);
      assertThat(heading(kiosk, "Tap or insert your card")).isVisible();
      assertThat(kiosk.getByText("Use the card reader next to this screen to pay £45.00."))
          .isVisible();
      assertThat(console.locator("#payment-status")).containsText("Waiting for the card");
      button(kiosk, "Tap a test card that works").click();
      assertThat(heading(kiosk, "Payment accepted")).isVisible();
      assertThat(console.locator("#payment-status")).containsText("Payment accepted");
      assertThat(onlyCase(consoleWindow, system).path("contacts")).hasSize(1);
    }
  }

  @Test
  void aKioskScreenReloadedDuringAFormShowsTheFormAgainWithTheAnswersKept() throws Exception {
    try (RunningSystem system = new RunningSystem(true);
        BrowserContext consoleWindow = chromium.newWindow();
        BrowserContext kioskWindow = chromium.newWindow()) {
      Page console = consoleWindow.newPage();
      Page kiosk = kioskWindow.newPage();
      Pages.startCall(console, kiosk, system);
      assertThat(button(kiosk, "End call")).isVisible();
      console.getByLabel("Find a form").fill("blue badge");
      button(console, "Search forms").click();
      console
          .getByRole(
              AriaRole.BUTTON,
              new Page.GetByRoleOptions()
                  .setName(
                      java.util.regex.Pattern.compile("Send to kiosk.*Apply for a Blue Badge")))
          .click();
      kiosk.getByLabel("What is your full name?").fill("Margaret O'Neill");
      button(kiosk, "Continue").click();
      assertThat(heading(kiosk, "What is your date of birth?")).isVisible();
      assertThat(console.locator("#af-fullName")).hasValue("Margaret O'Neill");

      kiosk.reload();

      // The form picks up at the question the resident had reached; the answer already given is
      // kept.
      comesBack(console, kiosk);
      assertThat(heading(kiosk, "What is your date of birth?")).isVisible();
      button(kiosk, "Back").click();
      assertThat(kiosk.getByLabel("What is your full name?")).hasValue("Margaret O'Neill");
      assertThat(console.locator("#af-fullName")).hasValue("Margaret O'Neill");
    }
  }

  // ---- 4. kiosk-app stops mid-call ----

  @Test
  void aRestartedKioskAppRejoinsTheCallWithinAFewSeconds() throws Exception {
    try (RunningSystem system = new RunningSystem(true);
        BrowserContext consoleWindow = chromium.newWindow();
        BrowserContext kioskWindow = chromium.newWindow()) {
      Page console = consoleWindow.newPage();
      Page kiosk = kioskWindow.newPage();
      startCallAndSeeEachOther(console, kiosk, system);
      Pages.recordTextsShown(console, "#call-notice");
      Pages.recordTextsShown(kiosk, "#call-notice");

      system.stopKioskApp();
      assertThat(kiosk.locator("#call-notice")).hasText(KIOSK_RECONNECTING);
      assertThat(console.locator("#call-notice"))
          .containsText("The kiosk lost its connection. Reconnecting…");

      system.startKioskAppAgain();
      // The kiosk's page finds its bridge again on its own; the call carries on.
      comesBack(console, kiosk);
      assertThat(Pages.isPlayingFrames(console, "#remote-video"))
          .as("the console shows the resident again")
          .isTrue();
      assertThat(Pages.isPlayingFrames(kiosk, "#remote-video"))
          .as("the kiosk shows the advisor again")
          .isTrue();
      JsonNode theCase = onlyCase(consoleWindow, system);
      assertThat(theCase.path("contacts")).hasSize(1);
      assertThat(theCase.path("contacts").get(0).path("state").asText()).isEqualTo("CONNECTED");
      assertThat(timelineKinds(theCase)).contains("call.paused", "call.resumed");
    }
  }

  @Test
  void aKioskAppThatDoesNotComeBackEndsTheCallAtTheMomentItStopped() throws Exception {
    Duration grace = Duration.ofSeconds(15); // the default
    try (RunningSystem system = new RunningSystem(true);
        BrowserContext consoleWindow = chromium.newWindow();
        BrowserContext kioskWindow = chromium.newWindow()) {
      Page console = consoleWindow.newPage();
      Page kiosk = kioskWindow.newPage();
      startCallAndSeeEachOther(console, kiosk, system);

      Instant beforeStop = Instant.now();
      system.stopKioskApp();
      Instant stopped = Instant.now();

      assertThat(console.locator("#call-notice")).isVisible(WITHIN_10_S);
      assertThat(console.locator("#call-notice"))
          .containsText(
              "The kiosk lost its connection. Reconnecting… The call ends if it is not back within 1");
      assertThat(kiosk.locator("#call-notice")).hasText(KIOSK_RECONNECTING);

      Locator endedReason = console.locator("#ended-reason");
      assertThat(endedReason)
          .isVisible(
              new LocatorAssertions.IsVisibleOptions().setTimeout(grace.toMillis() + 15_000));
      Instant endedSeen = Instant.now();
      assertThat(endedReason)
          .hasText("The resident's kiosk lost its connection and did not come back in time.");
      assertThat(button(console, "Resolved at first contact")).isVisible();
      assertThat(console.locator("#call-notice")).isHidden();
      assertThat(Duration.between(stopped, endedSeen))
          .as("the call waited for the grace")
          .isGreaterThan(grace.minusSeconds(2));

      // The contact ended when kiosk-app stopped, not when the grace ran out.
      JsonNode contact = onlyCase(consoleWindow, system).path("contacts").get(0);
      assertThat(contact.path("endReason").asText()).isEqualTo("kiosk_disconnected");
      Instant endedAt = Instant.parse(contact.path("endedAt").asText());
      assertThat(endedAt).isBetween(beforeStop.minusSeconds(2), stopped.plusSeconds(2));
      assertThat(endedAt).isBefore(stopped.plus(grace).minusSeconds(5));
    }
  }

  @Test
  void aKioskAppThatComesBackTooLateTellsTheResidentTheCallWasCutOff() throws Exception {
    UnaryOperator<ServerConfig> shortGrace =
        c ->
            c.withCallHold(
                new ServerConfig.CallHold(
                    Duration.ofSeconds(3),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(5)));
    try (RunningSystem system = new RunningSystem(true, 120, shortGrace, Map.of());
        BrowserContext consoleWindow = chromium.newWindow();
        BrowserContext kioskWindow = chromium.newWindow()) {
      Page console = consoleWindow.newPage();
      Page kiosk = kioskWindow.newPage();
      startCallAndSeeEachOther(console, kiosk, system);

      system.stopKioskApp();
      assertThat(console.locator("#ended-reason"))
          .hasText(
              "The resident's kiosk lost its connection and did not come back in time.",
              new LocatorAssertions.HasTextOptions().setTimeout(15_000));
      assertThat(kiosk.locator("#call-notice")).hasText(KIOSK_RECONNECTING);

      // kiosk-app is back, but the call is over: the resident is told, not left waiting for ever.
      system.startKioskAppAgain();
      assertThat(kiosk.getByText("The call was cut off. Sorry.")).isVisible(WITHIN_10_S);
      // It says how to carry on, and waits for the resident rather than going back by itself.
      assertThat(kiosk.locator("#ended-carry-on")).containsText(RunningSystem.PHONE);
      button(kiosk, "Finish").click();
      assertThat(button(kiosk, "Talk to an advisor"))
          .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(20_000));
      assertThat(onlyCase(consoleWindow, system).path("contacts").get(0).path("endReason").asText())
          .isEqualTo("kiosk_disconnected");
    }
  }

  // ---- 5. a kiosk without a camera or a microphone ----

  @Test
  void aKioskWithNoCameraOrMicrophoneStillSeesTheAdvisorAndTheyWriteToEachOther() throws Exception {
    try (RunningSystem system = new RunningSystem(true);
        BrowserContext consoleWindow = chromium.newWindow();
        BrowserContext kioskWindow = chromium.newWindowWithoutCameraOrMicrophone()) {
      Page console = consoleWindow.newPage();
      Page kiosk = kioskWindow.newPage();
      Pages.startCall(console, kiosk, system);
      assertThat(button(kiosk, "End call")).isVisible();

      // Each side is told plainly what the other can see and hear.
      assertThat(console.locator("#kiosk-media"))
          .hasText(
              "The kiosk's camera and microphone are not working: you cannot see"
                  + " or hear the resident. Write to them under Messages; they can write back.");
      assertThat(kiosk.locator("#media-problem"))
          .hasText(
              "Your camera and microphone are not working. The advisor cannot"
                  + " see or hear you. You can write to them below.");
      assertThat(Pages.isPlayingFrames(kiosk, "#remote-video"))
          .as("the resident still sees the advisor")
          .isTrue();

      console
          .getByLabel("Write to the resident")
          .fill("Hello, I can't hear you. Can you read this?");
      button(console, "Send message").click();
      assertThat(kiosk.locator("#text-log"))
          .containsText("Advisor: Hello, I can't hear you. Can you read this?");
      assertThat(console.locator("#text-log"))
          .containsText("You: Hello, I can't hear you. Can you read this?");

      kiosk.locator("#text-input").fill("Yes I can, my name is Margaret");
      button(kiosk, "Send").click();
      assertThat(console.locator("#text-log"))
          .containsText("Resident: Yes I can, my name is Margaret");
      assertThat(kiosk.locator("#text-log")).containsText("You: Yes I can, my name is Margaret");
      assertThat(kiosk.locator("#text-input")).hasValue("");

      Axe.assertNoViolations(kiosk, "kiosk in a call without camera or microphone, with messages");
      Pages.assertTouchTargetsAreAtLeast44px(kiosk);
      Axe.assertNoViolations(
          console, "console in a call with a kiosk that has no camera or microphone");

      // What they wrote is kept on the case.
      JsonNode theCase = onlyCase(consoleWindow, system);
      List<String> summaries = new ArrayList<>();
      theCase.path("timeline").forEach(t -> summaries.add(t.path("summary").asText()));
      assertThat(summaries)
          .contains(
              "Advisor typed: Hello, I can't hear you. Can you read this?",
              "Resident typed: Yes I can, my name is Margaret");
    }
  }

  // ---- 6. the screens that say the call is reconnecting are accessible ----

  @Test
  void theReconnectingScreensAndTheMessagesPanelAreAccessible() throws Exception {
    // A long grace, so the call is still held while axe looks at both screens.
    UnaryOperator<ServerConfig> longGrace =
        c ->
            c.withCallHold(
                new ServerConfig.CallHold(
                    Duration.ofSeconds(3),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(120),
                    Duration.ofSeconds(5)));
    try (RunningSystem system = new RunningSystem(true, 120, longGrace, Map.of());
        BrowserContext consoleWindow = chromium.newWindow();
        BrowserContext kioskWindow = chromium.newWindow()) {
      Page console = consoleWindow.newPage();
      Page kiosk = kioskWindow.newPage();
      startCallAndSeeEachOther(console, kiosk, system);
      // Enough messages that both logs scroll: a scrolling log must be reachable from the keyboard
      // too.
      for (int i = 1; i <= 12; i++) {
        console
            .getByLabel("Write to the resident")
            .fill("Message " + i + ": can you spell your surname for me?");
        button(console, "Send message").click();
        assertThat(kiosk.locator("#text-log li")).hasCount(i);
      }
      assertThat(kiosk.locator("#text-area")).isVisible();
      assertThat(kiosk.locator("#text-log"))
          .containsText("Advisor: Message 12: can you spell your surname for me?");
      assertThat(scrolls(kiosk, "#text-log")).as("the kiosk's log scrolls").isTrue();
      assertThat(scrolls(console, "#text-log")).as("the console's log scrolls").isTrue();
      Axe.assertNoViolations(kiosk, "kiosk in a call with messages");
      Pages.assertTouchTargetsAreAtLeast44px(kiosk);
      Axe.assertNoViolations(console, "console in a call with messages");

      system.stopKioskApp();
      assertThat(kiosk.locator("#call-notice")).hasText(KIOSK_RECONNECTING);
      assertThat(kiosk.locator("#text-area")).isVisible();
      assertThat(console.locator("#call-notice"))
          .containsText("The kiosk lost its connection. Reconnecting…");
      Axe.assertNoViolations(kiosk, "kiosk reconnecting, with messages");
      Pages.assertTouchTargetsAreAtLeast44px(kiosk);
      Axe.assertNoViolations(console, "console with the reconnecting notice");

      system.startKioskAppAgain();
      comesBack(console, kiosk);
    }
  }

  // ---- helpers ----

  private static void startCallAndSeeEachOther(Page console, Page kiosk, RunningSystem system) {
    Pages.startCall(console, kiosk, system);
    assertThat(button(kiosk, "End call")).isVisible();
    assertThat(Pages.isPlayingFrames(console, "#remote-video"))
        .as("the console shows the resident's video")
        .isTrue();
    assertThat(Pages.isPlayingFrames(kiosk, "#remote-video"))
        .as("the kiosk shows the advisor's video")
        .isTrue();
  }

  /**
   * Neither screen is touched for {@code quiet}; the console is watched all the while for the call
   * being paused or ended (failing at once if it is), and the kiosk's notice is recorded so a blip
   * that came and went is caught too.
   */
  private static void staysQuiet(Page console, Page kiosk, Duration quiet) {
    Pages.recordTextsShown(console, "#call-notice");
    Pages.recordTextsShown(kiosk, "#call-notice");
    // The deliberate quiet period is the point of the test: a wait for trouble that must not come.
    boolean troubled;
    try {
      console.waitForFunction(
          "() => !document.querySelector('#call-notice').hidden || document.querySelector('#call').hidden",
          null,
          new Page.WaitForFunctionOptions().setTimeout(quiet.toMillis()).setPollingInterval(100));
      troubled = true;
    } catch (TimeoutError quietAsItShouldBe) {
      troubled = false;
    }
    String seen =
        "console notices "
            + Pages.textsShown(console, "#call-notice")
            + ", kiosk notices "
            + Pages.textsShown(kiosk, "#call-notice");
    assertThat(troubled)
        .as("the console showed the call paused or ended during a quiet call; " + seen)
        .isFalse();
    assertThat(Pages.textsShown(console, "#call-notice"))
        .as("notices shown on the console")
        .isEmpty();
    assertThat(Pages.textsShown(kiosk, "#call-notice")).as("notices shown on the kiosk").isEmpty();
  }

  private static void stillInTheCall(Page console, Page kiosk) {
    assertThat(button(kiosk, "End call")).isVisible();
    assertThat(kiosk.locator("#call-notice")).isHidden();
    assertThat(kiosk.getByText("Reconnecting")).hasCount(0);
    assertThat(
            console.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("In a call")))
        .isVisible();
    assertThat(console.locator("#call-notice")).isHidden();
  }

  /**
   * The call carries on: both screens show it, with no notice, and the pictures are no longer
   * hidden.
   */
  private static void comesBack(Page console, Page kiosk) {
    assertThat(button(kiosk, "End call")).isVisible(WITHIN_10_S);
    assertThat(kiosk.locator("#call-notice")).isHidden(HIDDEN_WITHIN_10_S);
    assertThat(console.locator("#call-notice")).isHidden(HIDDEN_WITHIN_10_S);
    assertThat(kiosk.locator(".kiosk-videos--paused")).hasCount(0);
    assertThat(console.locator(".cap-videos--paused")).hasCount(0);
    assertThat(
            console.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("In a call")))
        .isVisible();
  }

  private static boolean scrolls(Page page, String selector) {
    return Boolean.TRUE.equals(
        page.evaluate(
            "sel => { const e = document.querySelector(sel); return e.scrollHeight > e.clientHeight; }",
            selector));
  }

  private static JsonNode onlyCase(BrowserContext consoleWindow, RunningSystem system)
      throws Exception {
    JsonNode cases =
        JSON.readTree(
            consoleWindow.request().get(system.consoleUrl() + "/api/cases?recent=true").text());
    assertThat(cases.path("cases")).as("cases").hasSize(1);
    return JSON.readTree(
        consoleWindow
            .request()
            .get(
                system.consoleUrl()
                    + "/api/cases/"
                    + cases.path("cases").get(0).path("id").asText())
            .text());
  }

  private static List<String> timelineKinds(JsonNode theCase) {
    List<String> kinds = new ArrayList<>();
    theCase.path("timeline").forEach(t -> kinds.add(t.path("kind").asText()));
    return kinds;
  }

  private static Locator heading(Page page, String name) {
    return page.getByRole(
        AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true));
  }
}
