package uk.gov.council.cap.systemtests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.staff.Role;

/**
 * Two advisors signed in: the first lets an offer ring out, it rings at once at the second, and the
 * first reads plainly what happened and is still Available (one miss does not set Away).
 */
class MissedOfferEndToEndTest extends BrowserTest {
  private static final String SECOND = "blake";

  @Test
  void aMissedOfferRingsAtTheSecondAdvisor() {
    try (RunningSystem system =
            new RunningSystem(
                true,
                120,
                c ->
                    // Short enough to wait out, long enough for a loaded machine to show the offer.
                    c.withTimings(
                        Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(2)),
                Map.of());
        BrowserContext firstWindow = chromium.newWindow();
        BrowserContext secondWindow = chromium.newWindow();
        BrowserContext kioskWindow = chromium.newWindow()) {
      system
          .server()
          .repositories()
          .staff()
          .create(SECOND, "Blake Advisor", Role.ADVISOR, Set.of("general"), RunningSystem.PASSWORD);
      Page first = firstWindow.newPage();
      Pages.signIn(first, system.consoleUrl(), RunningSystem.ADVISOR, RunningSystem.PASSWORD);
      Pages.setStatus(first, "Available");
      Page second = secondWindow.newPage();
      Pages.signIn(second, system.consoleUrl(), SECOND, RunningSystem.PASSWORD);
      Pages.setStatus(second, "Available");

      Page kiosk = kioskWindow.newPage();
      kiosk.navigate(system.kioskUrl());
      Pages.talkToAnAdvisor(kiosk);

      // The first to be free is offered the call first, and lets it ring out.
      assertThat(Pages.button(first, "Accept call")).isVisible();
      assertThat(Pages.button(second, "Accept call")).not().isVisible();

      assertThat(Pages.button(second, "Accept call")).isVisible();
      assertThat(first.locator("#message-text"))
          .hasText(
              "You missed a call from Ampthill Library kiosk. It has gone to another advisor.");
      assertThat(Pages.button(first, "Accept call")).not().isVisible();
      assertThat(first.locator("#status-now")).hasText("Status: Available");
      Axe.assertNoViolations(first, "console, after a missed offer");

      Pages.button(second, "Accept call").click();
      assertThat(Pages.button(kiosk, "End call")).isVisible();
    }
  }
}
