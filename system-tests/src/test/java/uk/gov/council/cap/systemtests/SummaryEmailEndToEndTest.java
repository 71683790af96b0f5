package uk.gov.council.cap.systemtests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static uk.gov.council.cap.systemtests.Pages.button;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "Email it to me" on the end screen, with a council mail relay (a real SMTP server, GreenMail):
 * the address is typed on the kiosk, a wrong one gets the GOV.UK error pattern, a right one gets
 * the summary with the case reference.
 */
class SummaryEmailEndToEndTest extends BrowserTest {
  @RegisterExtension
  static final GreenMailExtension smtp =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

  private static RunningSystem system;

  @BeforeAll
  static void start() {
    system =
        new RunningSystem(
            true,
            120,
            c -> c.withMail(c.mail().withSmtp("127.0.0.1", smtp.getSmtp().getPort(), false)),
            Map.of());
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  @Test
  void theResidentHasTheSummaryEmailed() throws Exception {
    try (BrowserContext consoleWindow = chromium.newWindow();
        BrowserContext kioskWindow = chromium.newWindow()) {
      Page console = consoleWindow.newPage();
      Page kiosk = kioskWindow.newPage();
      Pages.startCall(console, kiosk, system);
      assertThat(button(kiosk, "End call")).isVisible();
      button(console, "End call").click();

      String reference = system.server().repositories().cases().recent(1).get(0).reference();
      assertThat(kiosk.locator("#ended-reference")).hasText(reference);
      button(kiosk, "Email it to me").click();
      assertThat(kiosk.getByLabel("What is your email address?")).isFocused();
      assertThat(kiosk.locator("#ended-keyboard")).isVisible();
      Axe.assertNoViolations(kiosk, "kiosk end screen: the email address");
      Pages.assertTouchTargetsAreAtLeast44px(kiosk);

      // Typed on the on-screen keyboard, as a resident would.
      for (String key : new String[] {"a", "n", "n", "@"}) {
        kiosk
            .locator("#ended-keyboard")
            .getByRole(
                com.microsoft.playwright.options.AriaRole.BUTTON,
                new com.microsoft.playwright.Locator.GetByRoleOptions().setName(key).setExact(true))
            .click();
      }
      assertThat(kiosk.getByLabel("What is your email address?")).hasValue("ann@");
      button(kiosk, "Send the summary").click();
      assertThat(kiosk.locator("#ended-error-summary")).isFocused();
      assertThat(kiosk.locator("#ended-error-summary"))
          .containsText("Enter an email address in the correct format, like name@example.com");
      Axe.assertNoViolations(kiosk, "kiosk end screen: a wrong email address");
      assertThat(smtp.getReceivedMessages()).isEmpty();

      kiosk.getByLabel("What is your email address?").fill("ann@example.org");
      button(kiosk, "Send the summary").click();
      assertThat(kiosk.locator("#ended-status"))
          .hasText("We have emailed your summary to a•••@example.org.");
      MimeMessage[] received = smtp.getReceivedMessages();
      assertThat(received).hasSize(1);
      assertThat(received[0].getSubject()).contains(reference);
      assertThat(GreenMailUtil.getBody(received[0]))
          .contains("Your case reference is " + reference);

      button(kiosk, "Finish").click();
      assertThat(button(kiosk, "Talk to an advisor")).isVisible();
      button(console, "Resolved at first contact").click();
      assertThat(console.getByText("Outcome saved.")).isVisible();
    }
  }
}
