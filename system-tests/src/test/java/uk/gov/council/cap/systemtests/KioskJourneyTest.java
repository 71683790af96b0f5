package uk.gov.council.cap.systemtests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static uk.gov.council.cap.systemtests.Pages.button;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The resident is never left stuck: waiting, cancelling, and nobody to answer. */
class KioskJourneyTest extends BrowserTest {

  @Test
  void aWaitingResidentSeesTheirPlaceAndCanCancel() {
    try (RunningSystem system = new RunningSystem(true);
        BrowserContext consoleWindow = chromium.newWindow();
        BrowserContext kioskWindow = chromium.newWindow()) {
      Page console = consoleWindow.newPage();
      Pages.signIn(console, system.consoleUrl(), RunningSystem.ADVISOR, RunningSystem.PASSWORD);
      // Signed in but Away: the resident queues and waits.
      Page kiosk = kioskWindow.newPage();
      kiosk.navigate(system.kioskUrl());
      Pages.talkToAnAdvisor(kiosk);
      assertThat(
              kiosk.getByRole(
                  com.microsoft.playwright.options.AriaRole.HEADING,
                  new Page.GetByRoleOptions().setName("Connecting you to an advisor")))
          .isVisible();
      assertThat(kiosk.getByText(Pattern.compile("number 1 in the queue"))).isVisible();
      assertThat(console.getByText("Ampthill Library kiosk").first()).isVisible();

      button(kiosk, "Cancel").click();
      assertThat(button(kiosk, "Talk to an advisor")).isVisible();
      assertThat(console.getByText("No one is waiting")).isVisible();
    }
  }

  @Test
  void withNoAdvisorSignedInTheResidentIsGivenThePhoneNumber() {
    try (RunningSystem system = new RunningSystem(true);
        BrowserContext kioskWindow = chromium.newWindow()) {
      Page kiosk = kioskWindow.newPage();
      kiosk.navigate(system.kioskUrl());
      Pages.talkToAnAdvisor(kiosk);
      assertThat(
              kiosk
                  .getByText(Pattern.compile("no advisors are available", Pattern.CASE_INSENSITIVE))
                  .first())
          .isVisible();
      assertThat(kiosk.getByText(RunningSystem.PHONE).first()).isVisible();
      button(kiosk, "Back to start").click();
      assertThat(button(kiosk, "Talk to an advisor")).isVisible();
    }
  }

  @Test
  void outsideOpeningHoursTheKioskSaysItIsClosed() {
    try (RunningSystem system = new RunningSystem(false);
        BrowserContext consoleWindow = chromium.newWindow();
        BrowserContext kioskWindow = chromium.newWindow()) {
      Pages.signIn(
          consoleWindow.newPage(),
          system.consoleUrl(),
          RunningSystem.ADVISOR,
          RunningSystem.PASSWORD);
      Page kiosk = kioskWindow.newPage();
      kiosk.navigate(system.kioskUrl());
      Pages.talkToAnAdvisor(kiosk);
      assertThat(kiosk.getByText(Pattern.compile("closed", Pattern.CASE_INSENSITIVE)).first())
          .isVisible();
      assertThat(kiosk.getByText(RunningSystem.PHONE).first()).isVisible();
      // The server's clock says Monday morning; the site next opens on Sunday at 03:00.
      assertThat(kiosk.getByText("We open again on Sunday at 03:00.")).isVisible();
      assertThat(kiosk.locator("#screen-unavailable .govuk-panel--confirmation")).hasCount(0);
    }
  }
}
