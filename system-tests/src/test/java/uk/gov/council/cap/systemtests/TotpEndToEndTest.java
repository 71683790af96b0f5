package uk.gov.council.cap.systemtests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.CapServer;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.Totp;

/**
 * An advisor sets up two-step verification from the console as they would with their phone: the
 * test plays the authenticator app, reading the key the page shows and making codes from it. Then
 * they sign out and sign in with their password and the code. The server's clock is the real time
 * plus an offset the test moves on by 30 seconds when the next code is wanted, so no test waits.
 */
class TotpEndToEndTest extends BrowserTest {
  private static final String PASSWORD = "correct horse battery";
  private static final AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ZERO);
  private static final Clock CLOCK = () -> Instant.now().plus(ahead.get());
  private static CapServer server;

  @BeforeAll
  static void start() throws Exception {
    Path work = Files.createTempDirectory("cap-totp");
    server =
        CapServer.start(
            ServerConfig.defaults()
                .withPort(0)
                .withDataDir(work.resolve("server"))
                .withSignIn(
                    ServerConfig.defaults()
                        .signIn()
                        .withTotpRequiredRoles(java.util.List.of("TECHNICIAN"))),
            CLOCK);
    server
        .repositories()
        .staff()
        .create("alex", "Alex Advisor", Role.ADVISOR, Set.of("general"), PASSWORD);
    server
        .repositories()
        .staff()
        .create("tom", "Tom Technician", Role.TECHNICIAN, Set.of(), PASSWORD);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void anAdvisorSetsUpTheirAppSignsOutAndSignsInWithACode() {
    Totp app = new Totp(CLOCK);
    try (BrowserContext window = chromium.newWindow()) {
      Page page = window.newPage();
      Pages.signIn(page, server.baseUrl(), "alex", PASSWORD);
      page.getByRole(
              com.microsoft.playwright.options.AriaRole.LINK,
              new Page.GetByRoleOptions().setName("Two-step verification"))
          .click();
      page.waitForURL("**/account.html");
      assertThat(page.locator("#status")).containsText("Two-step verification is off");
      Axe.assertNoViolations(page, "two-step verification, off");

      Pages.button(page, "Set up two-step verification").click();
      assertThat(page.locator("#secret")).not().isEmpty();
      assertThat(page.locator("#qr")).isVisible();
      Object qrWidth =
          page.evaluate(
              "() => { const i = document.getElementById('qr');"
                  + " return i.decode().then(() => i.naturalWidth, () => 0); }");
      org.assertj.core.api.Assertions.assertThat(((Number) qrWidth).intValue()).isPositive();
      Axe.assertNoViolations(page, "two-step verification, setting up");
      byte[] secret = Totp.fromBase32(page.locator("#secret").textContent());

      // A mistyped code is shown as an error on the field, GOV.UK style.
      page.locator("#setup").getByLabel("Code from your authenticator app").fill("000000");
      Pages.button(page, "Turn on two-step verification").click();
      assertThat(page.locator("#errors")).isVisible();
      assertThat(page.locator("#confirm-code-error")).containsText("The code is not right");
      Axe.assertNoViolations(page, "two-step verification, wrong code");

      page.locator("#setup")
          .getByLabel("Code from your authenticator app")
          .fill(codeNow(app, secret));
      Pages.button(page, "Turn on two-step verification").click();
      assertThat(page.locator("#done-text")).hasText("Two-step verification is on.");
      assertThat(page.locator("#status")).containsText("Two-step verification is on");
      Axe.assertNoViolations(page, "two-step verification, on");

      page.navigate(server.baseUrl() + "/console.html");
      Pages.button(page, "Sign out").click();
      page.waitForURL("**/index.html");

      page.getByLabel("Username").fill("alex");
      page.getByLabel("Password").fill(PASSWORD);
      Pages.button(page, "Sign in").click();
      assertThat(page.getByLabel("Code from your authenticator app")).isVisible();
      assertThat(page.locator("#code")).hasAttribute("autocomplete", "one-time-code");
      assertThat(page.locator("#code")).hasAttribute("inputmode", "numeric");
      Axe.assertNoViolations(page, "sign in, asking for the code");

      // The app shows the next code 30 seconds on: the one used to turn it on cannot be used again.
      ahead.updateAndGet(d -> d.plusSeconds(30));
      page.getByLabel("Code from your authenticator app").fill(codeNow(app, secret));
      Pages.button(page, "Sign in").click();
      page.waitForURL("**/console.html");
    }
  }

  @Test
  void aTechnicianWhoseRoleMustUseItSetsItUpOnTheSignInPage() {
    Totp app = new Totp(CLOCK);
    try (BrowserContext window = chromium.newWindow()) {
      Page page = window.newPage();
      page.navigate(server.baseUrl() + "/index.html");
      page.getByLabel("Username").fill("tom");
      page.getByLabel("Password").fill(PASSWORD);
      Pages.button(page, "Sign in").click();
      assertThat(page.locator("#setup")).isVisible();
      assertThat(page.locator("#setup-secret")).not().isEmpty();
      Axe.assertNoViolations(page, "sign in, setting up two-step verification");
      byte[] secret = Totp.fromBase32(page.locator("#setup-secret").textContent());

      page.getByLabel("Code from your authenticator app").fill("000000");
      Pages.button(page, "Sign in").click();
      assertThat(page.locator("#code-error")).containsText("The code is not right");
      page.getByLabel("Code from your authenticator app").fill(codeNow(app, secret));
      Pages.button(page, "Sign in").click();
      page.waitForURL("**/fleet.html");

      // Their role must use it: nothing to turn off, and they are told who helps with a new phone.
      page.navigate(server.baseUrl() + "/account.html");
      assertThat(page.locator("#status")).containsText("Two-step verification is on");
      assertThat(page.locator("#required")).isVisible();
      assertThat(page.locator("#required")).containsText("ask an administrator to reset it");
      assertThat(page.locator("#on")).isHidden();
      assertThat(page.locator("#off")).isHidden();
      assertThat(Pages.button(page, "Turn off two-step verification")).hasCount(0);
      Axe.assertNoViolations(page, "two-step verification, required for the role");
    }
  }

  private static String codeNow(Totp app, byte[] secret) {
    return Totp.codeAt(secret, app.currentStep(), Totp.DIGITS);
  }
}
