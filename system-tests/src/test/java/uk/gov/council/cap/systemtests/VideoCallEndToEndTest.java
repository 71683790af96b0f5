package uk.gov.council.cap.systemtests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static uk.gov.council.cap.systemtests.Pages.button;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.APIRequestContext;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The backbone, as people use it: the resident presses the button on the kiosk screen, the advisor
 * accepts in the console, both see each other's video, the advisor ends the call and records the
 * outcome, and the case shows the call.
 */
class VideoCallEndToEndTest extends BrowserTest {
  private static RunningSystem system;

  @BeforeAll
  static void start() {
    system = new RunningSystem(true);
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  @Test
  void aResidentTalksToAnAdvisorAndTheCaseShowsTheCall() throws Exception {
    try (BrowserContext consoleWindow = chromium.newWindow();
        BrowserContext kioskWindow = chromium.newWindow()) {
      Page console = consoleWindow.newPage();
      Pages.signIn(console, system.consoleUrl(), RunningSystem.ADVISOR, RunningSystem.PASSWORD);
      Pages.setStatus(console, "Available");

      Page kiosk = kioskWindow.newPage();
      kiosk.navigate(system.kioskUrl());
      Locator talk = button(kiosk, "Talk to an advisor");
      assertThat(talk).isVisible();
      assertThat(talk).isEnabled();
      Pages.talkToAnAdvisor(kiosk);

      button(console, "Accept call").click();
      assertThat(kiosk.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("End call")))
          .isVisible();

      assertThat(Pages.isPlayingFrames(kiosk, "#remote-video"))
          .as("the kiosk shows the advisor's video")
          .isTrue();
      assertThat(Pages.isPlayingFrames(console, "#remote-video"))
          .as("the console shows the resident's video")
          .isTrue();
      assertThat(Pages.isPlayingFrames(kiosk, "#local-video"))
          .as("the resident sees themselves")
          .isTrue();

      button(console, "End call").click();
      assertThat(kiosk.getByText(Pattern.compile("call has ended", Pattern.CASE_INSENSITIVE)))
          .isVisible();

      console.getByLabel("Notes").fill("Referred to the housing team");
      button(console, "Referred").click();
      assertThat(console.getByText(Pattern.compile("saved", Pattern.CASE_INSENSITIVE)).first())
          .isVisible();

      // Check the case through the API, with the advisor's own session.
      APIRequestContext api = consoleWindow.request();
      JsonNode cases = json(api.get(system.consoleUrl() + "/api/cases?recent=true").text());
      String caseId = cases.path("cases").get(0).path("id").asText();
      JsonNode theCase = json(api.get(system.consoleUrl() + "/api/cases/" + caseId).text());
      JsonNode contact = theCase.path("contacts").get(0);
      assertThat(contact.path("answeredAt").asText()).isNotEmpty();
      assertThat(contact.path("endedAt").asText()).isNotEmpty();
      assertThat(contact.path("advisor").asText()).isEqualTo("Alex Advisor");
      assertThat(contact.path("kiosk").asText()).isEqualTo("Ampthill Library kiosk");
      assertThat(contact.path("endReason").asText()).isEqualTo("hangup_advisor");
      assertThat(contact.path("outcome").asText()).isEqualTo("REFERRED");
      assertThat(contact.path("notes").asText()).isEqualTo("Referred to the housing team");
      assertThat(contact.path("durationSeconds").asLong()).isGreaterThanOrEqualTo(0);

      // The end screen waits for the resident; "Finish" goes back to the start, keeping nothing of
      // the call.
      button(kiosk, "Finish").click();
      assertThat(button(kiosk, "Talk to an advisor"))
          .isVisible(
              new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions()
                  .setTimeout(20_000));
      assertThat(kiosk.evaluate("() => document.querySelector('#remote-video').srcObject === null"))
          .isEqualTo(true);
      assertThat(kiosk.getByText("Alex")).hasCount(0);
    }
  }

  private static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text);
  }
}
