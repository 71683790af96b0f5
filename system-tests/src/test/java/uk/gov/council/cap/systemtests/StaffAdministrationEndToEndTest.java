package uk.gov.council.cap.systemtests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.CapServer;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.sites.OpeningHours;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.SessionEnd;

/**
 * Staff administration as an admin and a new advisor see it: the admin adds an advisor with a theme
 * and a language, the advisor sets their own password from the one-time link in a browser of their
 * own, signs in and is offered a call on that theme; the admin turns them off mid-session and their
 * console goes to sign-in saying why, and the call is offered to them no more.
 */
class StaffAdministrationEndToEndTest extends BrowserTest {
  private static final String ADMIN_PASSWORD = "correct horse battery";
  private static final String NEW_PASSWORD = "four quiet words here";
  private static CapServer server;
  private static KioskRepository.Enrolled kiosk;

  @BeforeAll
  static void start() throws Exception {
    server =
        CapServer.start(
            ServerConfig.defaults()
                .withPort(0)
                .withDataDir(Files.createTempDirectory("cap-staff-admin"))
                .withTimings(Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(2))
                .withSurvey(ServerConfig.Survey.OFF));
    var repos = server.repositories();
    var site =
        repos
            .sites()
            .create(
                "Ampthill Library",
                "01632 960 000",
                ZoneId.of("Europe/London"),
                OpeningHours.parse("Mon-Sun 00:00-24:00"),
                List.of("general", "housing"),
                List.of(),
                120);
    kiosk = repos.kiosks().create("Ampthill Library kiosk", site.id());
    repos.staff().create("ada", "Ada Admin", Role.ADMIN, Set.of(), ADMIN_PASSWORD);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void anAdvisorAddedByAnAdminTakesACallUntilTurnedOff() {
    try (BrowserContext adminWindow = chromium.newWindow();
        BrowserContext advisorWindow = chromium.newWindow()) {
      Page admin = adminWindow.newPage();
      admin.navigate(server.baseUrl() + "/index.html");
      admin.getByLabel("Username").fill("ada");
      admin.getByLabel("Password").fill(ADMIN_PASSWORD);
      Pages.button(admin, "Sign in").click();
      admin.waitForURL("**/fleet.html");
      admin
          .getByRole(
              com.microsoft.playwright.options.AriaRole.LINK,
              new Page.GetByRoleOptions().setName("Staff").setExact(true))
          .click();
      admin.waitForURL("**/staff.html");
      assertThat(admin.locator("[data-staff-row=ada]")).containsText("Ada Admin");
      Axe.assertNoViolations(admin, "staff page");

      Pages.button(admin, "Add a member of staff").click();
      admin.getByLabel("Username").fill("pat");
      admin.getByLabel("Full name").fill("Pat Kowalski");
      admin.getByLabel("Advisor", new Page.GetByLabelOptions().setExact(true)).check();
      admin.getByLabel("housing", new Page.GetByLabelOptions().setExact(true)).check();
      admin.getByLabel("Polish", new Page.GetByLabelOptions().setExact(true)).check();
      admin.getByLabel("Reason for this change").fill("Joined the housing team");
      Axe.assertNoViolations(admin, "staff page, adding someone");
      Pages.button(admin, "Add and make a password link").click();
      assertThat(admin.locator("#link-panel")).isVisible();
      String link = admin.locator("#link-text").textContent();
      assertThat(link).startsWith(server.baseUrl() + "/set-password.html?token=");
      assertThat(admin.locator("[data-staff-row=pat]")).containsText("No password yet");
      assertThat(admin.locator("[data-staff-row=pat]")).containsText("Polish");
      Axe.assertNoViolations(admin, "staff page, password link shown");

      Page advisor = advisorWindow.newPage();
      advisor.navigate(link);
      assertThat(advisor.locator("#greeting")).containsText("username pat");
      Axe.assertNoViolations(advisor, "set-password page");
      advisor.getByLabel("New password").fill(NEW_PASSWORD);
      advisor.getByLabel("Type the password again").fill(NEW_PASSWORD);
      Pages.button(advisor, "Set password").click();
      assertThat(advisor.locator("#finished-title")).hasText("Your password is set");
      Axe.assertNoViolations(advisor, "set-password page, done");
      // A phone lost before it was ever set up: the admin is told there was nothing to reset.
      admin.reload();
      admin.locator("[data-staff=pat]").click();
      admin.getByLabel("Reason", new Page.GetByLabelOptions().setExact(true)).fill("Lost phone");
      Pages.button(admin, "Reset two-step verification").click();
      assertThat(admin.locator("#done-text"))
          .hasText("Pat Kowalski did not have two-step verification on. Nothing was changed.");

      Pages.signIn(advisor, server.baseUrl(), "pat", NEW_PASSWORD);
      Pages.setStatus(advisor, "Available");

      try (ProtocolSocket k =
          ProtocolSocket.kiosk(server.baseUrl(), kiosk.kiosk().id(), kiosk.secret())) {
        k.await("kiosk.config");
        k.send("call.request", Map.of("theme", "housing"));
        String callId = k.await("call.queued").path("callId").asText();
        assertThat(advisor.locator("#offer-text")).containsText("Housing");

        admin.reload();
        admin.locator("[data-staff=pat]").click();
        admin.getByLabel("Reason", new Page.GetByLabelOptions().setExact(true)).fill("Left");
        Pages.button(admin, "Turn off this account").click();
        assertThat(admin.locator("#done-text")).containsText("turned off");

        advisor.waitForURL(Pattern.compile(".*/index\\.html$"));
        assertThat(advisor.locator("#notice-text")).hasText(SessionEnd.DISABLED.reason());
        // Nobody left who takes housing calls: the resident is told, and nobody was offered it.
        assertThat(
                k.await("call.ended", p -> p.path("callId").asText().equals(callId))
                    .path("reason")
                    .asText())
            .isEqualTo("no_advisors");
      }
      assertThat(admin.locator("[data-staff-row=pat]")).containsText("Turned off");
    }
  }
}
