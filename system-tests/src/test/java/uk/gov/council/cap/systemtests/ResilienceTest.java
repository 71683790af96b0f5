package uk.gov.council.cap.systemtests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static uk.gov.council.cap.systemtests.Pages.button;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Faults as residents and advisors would meet them: a server restart, a walk-away. */
class ResilienceTest extends BrowserTest {
  private static final LocatorAssertions.IsVisibleOptions PATIENTLY =
      new LocatorAssertions.IsVisibleOptions().setTimeout(45_000);

  @Test
  void aServerRestartWhileAResidentWaitsLosesNeitherTheirPlaceNorTheirCase() throws Exception {
    try (RunningSystem system = new RunningSystem(true);
        BrowserContext consoleWindow = chromium.newWindow();
        BrowserContext kioskWindow = chromium.newWindow()) {
      Page console = consoleWindow.newPage();
      Pages.signIn(console, system.consoleUrl(), RunningSystem.ADVISOR, RunningSystem.PASSWORD);
      Page kiosk = kioskWindow.newPage();
      kiosk.navigate(system.kioskUrl());
      Pages.talkToAnAdvisor(kiosk);
      assertThat(kiosk.getByText(Pattern.compile("number 1 in the queue"))).isVisible();

      system.stopServer();
      assertThat(kiosk.getByText("This kiosk is not connected at the moment")).isVisible();
      assertThat(console.getByText(Pattern.compile("Reconnecting"))).isVisible();

      system.startServerAgain();
      // kiosk-app reconnects and re-queues the resident; the console reconnects on its own session.
      assertThat(kiosk.getByText(Pattern.compile("number 1 in the queue"))).isVisible(PATIENTLY);
      assertThat(console.getByText("Ampthill Library kiosk").first()).isVisible(PATIENTLY);

      Pages.setStatus(console, "Available");
      button(console, "Accept call").click();
      assertThat(button(kiosk, "End call")).isVisible();
      assertThat(Pages.isPlayingFrames(console, "#remote-video")).isTrue();
      Pages.endCallOnKiosk(kiosk);

      JsonNode cases =
          new ObjectMapper()
              .readTree(
                  consoleWindow
                      .request()
                      .get(system.consoleUrl() + "/api/cases?recent=true")
                      .text());
      assertThat(cases.path("cases")).hasSize(1);
      JsonNode theCase =
          new ObjectMapper()
              .readTree(
                  consoleWindow
                      .request()
                      .get(
                          system.consoleUrl()
                              + "/api/cases/"
                              + cases.path("cases").get(0).path("id").asText())
                      .text());
      assertThat(theCase.path("contacts")).hasSize(1);
      assertThat(theCase.path("contacts").get(0).path("endReason").asText())
          .isEqualTo("hangup_kiosk");
    }
  }

  @Test
  void aResidentWhoWalksAwayIsForgottenAfterTheIdleTime() {
    // A 3 s idle time, and 3 s to answer "Do you need more time?".
    try (RunningSystem system =
            new RunningSystem(
                true,
                3,
                java.util.function.UnaryOperator.identity(),
                java.util.Map.of("CAP_KIOSK_MORE_TIME_SECONDS", "3"));
        BrowserContext kioskWindow = chromium.newWindow()) {
      Page kiosk = kioskWindow.newPage();
      kiosk.navigate(system.kioskUrl());
      Pages.talkToAnAdvisor(kiosk);
      // Nobody is signed in: the resident is shown the phone number, then walks away. The kiosk
      // asks whether they need more time, and with no answer starts again.
      assertThat(kiosk.getByText(RunningSystem.PHONE).first()).isVisible();
      assertThat(button(kiosk, "Talk to an advisor"))
          .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(10_000));
      assertThat(kiosk.getByText(RunningSystem.PHONE).first()).isHidden();
    }
  }
}
