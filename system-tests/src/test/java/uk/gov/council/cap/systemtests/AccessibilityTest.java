package uk.gov.council.cap.systemtests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static uk.gov.council.cap.systemtests.Pages.button;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * axe-core finds no WCAG 2.2 A/AA violations on any kiosk screen or console page, and touch targets
 * are big enough.
 */
class AccessibilityTest extends BrowserTest {
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
  void everyKioskScreenAndConsolePageIsAccessible() throws Exception {
    try (BrowserContext consoleWindow = chromium.newWindow();
        BrowserContext kioskWindow = chromium.newWindow()) {
      Page console = consoleWindow.newPage();
      console.navigate(system.consoleUrl() + "/index.html");
      Axe.assertNoViolations(console, "console sign-in");
      button(console, "Sign in").click();
      assertThat(console.locator(".govuk-error-summary")).isVisible();
      Axe.assertNoViolations(console, "console sign-in with errors");

      Pages.signIn(console, system.consoleUrl(), RunningSystem.ADVISOR, RunningSystem.PASSWORD);
      Axe.assertNoViolations(console, "console, idle");

      Page kiosk = kioskWindow.newPage();
      kiosk.navigate(system.kioskUrl());
      assertThat(button(kiosk, "Talk to an advisor")).isVisible();
      Axe.assertNoViolations(kiosk, "kiosk attract screen");
      Pages.assertTouchTargetsAreAtLeast44px(kiosk);

      Pages.talkToAnAdvisor(kiosk);
      assertThat(
              kiosk.getByRole(
                  AriaRole.HEADING,
                  new Page.GetByRoleOptions().setName("Connecting you to an advisor")))
          .isVisible();
      assertThat(kiosk.getByText(Pattern.compile("in the queue"))).isVisible();
      Axe.assertNoViolations(kiosk, "kiosk connecting screen");
      Pages.assertTouchTargetsAreAtLeast44px(kiosk);
      assertThat(console.getByText("Ampthill Library kiosk").first()).isVisible();
      Axe.assertNoViolations(console, "console with a resident waiting");

      Pages.setStatus(console, "Available");
      assertThat(button(console, "Accept call")).isVisible();
      Axe.assertNoViolations(console, "console with an incoming call");
      button(console, "Accept call").click();
      assertThat(button(kiosk, "End call")).isVisible();
      Axe.assertNoViolations(kiosk, "kiosk in a call");
      Pages.assertTouchTargetsAreAtLeast44px(kiosk);
      Axe.assertNoViolations(console, "console in a call");

      Pages.endCallOnKiosk(kiosk);
      assertThat(kiosk.getByText(Pattern.compile("call has ended", Pattern.CASE_INSENSITIVE)))
          .isVisible();
      Axe.assertNoViolations(kiosk, "kiosk call ended");
      assertThat(button(console, "Resolved at first contact")).isVisible();
      Axe.assertNoViolations(console, "console wrap-up");

      String casesJson =
          consoleWindow.request().get(system.consoleUrl() + "/api/cases?recent=true").text();
      String caseId =
          new ObjectMapper().readTree(casesJson).path("cases").get(0).path("id").asText();
      console.navigate(system.consoleUrl() + "/case.html?id=" + caseId);
      assertThat(console.getByText("Contact history")).isVisible();
      Axe.assertNoViolations(console, "case page");
    }
  }

  @Test
  void theCheckItselfCatchesAnInaccessiblePage() {
    try (BrowserContext window = chromium.newWindow()) {
      Page page = window.newPage();
      page.navigate(system.kioskUrl());
      page.evaluate(
          "() => { const b = document.createElement('button'); b.id = 'tiny'; b.style.width = '10px';"
              + " b.style.height = '10px'; document.querySelector('#screen-attract').append(b);"
              + " document.documentElement.removeAttribute('lang'); }");
      org.assertj.core.api.Assertions.assertThat(Axe.violations(page))
          .extracting(r -> r.getId())
          .contains("button-name", "html-has-lang");
    }
  }
}
