package uk.gov.council.cap.systemtests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static uk.gov.council.cap.systemtests.Pages.button;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.staff.Role;

/**
 * The satisfaction survey as the resident and the supervisor meet it: after the call the kiosk asks
 * "How was your visit today?" with three faces, then why (optional), then thanks; the supervisor's
 * case page shows the answer and the net score. Skipping goes straight back to the start.
 */
class SurveyEndToEndTest extends BrowserTest {
  private static final String SUPERVISOR = "sam";
  private static RunningSystem system;

  @BeforeAll
  static void start() {
    system =
        new RunningSystem(
            true,
            120,
            c -> c.withSurvey(ServerConfig.Survey.on(Duration.ofMinutes(2))),
            java.util.Map.of());
    system
        .server()
        .repositories()
        .staff()
        .create(
            SUPERVISOR,
            "Sam Supervisor",
            Role.SUPERVISOR,
            Set.of("general"),
            RunningSystem.PASSWORD);
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  @Test
  void theResidentSaysHowTheVisitWasAndTheSupervisorSeesItOnTheCase() throws Exception {
    try (BrowserContext consoleWindow = chromium.newWindow();
        BrowserContext kioskWindow = chromium.newWindow();
        BrowserContext supervisorWindow = chromium.newWindow()) {
      Page console = consoleWindow.newPage();
      Page kiosk = kioskWindow.newPage();
      Pages.startCall(console, kiosk, system);
      assertThat(button(kiosk, "End call")).isVisible();
      Pages.endCallOnKiosk(kiosk);

      // What the resident takes away comes first; the survey follows "Finish".
      assertThat(kiosk.locator("#ended-reference")).not().isEmpty();
      assertThat(kiosk.locator("#screen-ended[data-survey='asked']")).isAttached();
      button(kiosk, "Finish").click();
      assertThat(heading(kiosk, "How was your visit today?")).isVisible();
      Axe.assertNoViolations(kiosk, "kiosk survey: the faces");
      Pages.assertTouchTargetsAreAtLeast44px(kiosk);
      button(kiosk, "Good").click();

      assertThat(heading(kiosk, "Can you tell us why?")).isVisible();
      Axe.assertNoViolations(kiosk, "kiosk survey: why");
      Pages.assertTouchTargetsAreAtLeast44px(kiosk);
      button(kiosk, "The advisor was helpful").click();
      assertThat(heading(kiosk, "Thank you for telling us")).isVisible();
      button(kiosk, "Finish").click();
      assertThat(button(kiosk, "Talk to an advisor")).isVisible();

      String casesJson =
          consoleWindow.request().get(system.consoleUrl() + "/api/cases?recent=true").text();
      String caseId =
          new ObjectMapper().readTree(casesJson).path("cases").get(0).path("id").asText();
      Page supervisor = supervisorWindow.newPage();
      Pages.signIn(supervisor, system.consoleUrl(), SUPERVISOR, RunningSystem.PASSWORD);
      supervisor.navigate(system.consoleUrl() + "/case.html?id=" + caseId);
      assertThat(supervisor.locator("#survey-score")).containsText("Net score: +100");
      assertThat(supervisor.locator("#survey")).containsText("The advisor was helpful");
      Axe.assertNoViolations(supervisor, "case page with survey answers");

      // The advisor reads the case but not how the resident rated them.
      console.navigate(system.consoleUrl() + "/case.html?id=" + caseId);
      assertThat(console.getByText("Contact history")).isVisible();
      assertThat(console.locator("#survey")).isHidden();
    }
  }

  @Test
  void aResidentWhoSkipsGoesStraightBackToTheStart() {
    try (BrowserContext consoleWindow = chromium.newWindow();
        BrowserContext kioskWindow = chromium.newWindow()) {
      Page console = consoleWindow.newPage();
      Page kiosk = kioskWindow.newPage();
      Pages.startCall(console, kiosk, system);
      assertThat(button(kiosk, "End call")).isVisible();
      button(console, "End call").click();
      assertThat(kiosk.locator("#screen-ended[data-survey='asked']")).isAttached();
      button(kiosk, "Finish").click();
      assertThat(heading(kiosk, "How was your visit today?")).isVisible();
      button(kiosk, "Skip").click();
      assertThat(button(kiosk, "Talk to an advisor")).isVisible();
    }
  }

  private static com.microsoft.playwright.Locator heading(Page page, String name) {
    return page.getByRole(
        com.microsoft.playwright.options.AriaRole.HEADING,
        new Page.GetByRoleOptions().setName(name).setExact(true));
  }
}
