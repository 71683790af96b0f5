package uk.gov.council.cap.systemtests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.CapServer;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.CreateAdminCommand;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.sites.OpeningHours;
import uk.gov.council.cap.server.sites.Site;
import uk.gov.council.cap.server.staff.SessionEnd;

/**
 * Council sign-in in Chromium against a real Keycloak (started once for the class from the
 * distribution on Maven Central), as a council's staff would use it: the council's login page,
 * groups that give roles, a leaver taken out of the group, signing out, and sign-in links that were
 * not started by this browser.
 */
class CouncilSignInEndToEndTest extends BrowserTest {
  private static final String NOT_IN_A_GROUP =
      "Your council account is not in a group that can use Customer Access Point. Ask your manager.";
  private static final String NOT_FINISHED =
      "That sign-in could not be finished. Start again from this page.";

  private static final String ADMIN_PASSWORD = "a long admin password";
  private static Keycloak keycloak;
  private static KioskRepository.Enrolled kiosk;
  private static CapServer server;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    int port = Keycloak.freePort();
    base = "http://localhost:" + port;
    String redirect = base + "/auth/oidc/callback";
    keycloak = new Keycloak(redirect);
    ServerConfig config =
        ServerConfig.defaults()
            .withPort(port)
            .withDataDir(Files.createTempDirectory("cap-oidc"))
            // Long enough that a loaded machine's Chromium answers an offer before it lapses.
            .withTimings(Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(2))
            .withSurvey(ServerConfig.Survey.OFF)
            .withOidc(
                ServerConfig.Oidc.with(
                    keycloak.issuer(),
                    Keycloak.CLIENT_ID,
                    Keycloak.CLIENT_SECRET,
                    redirect,
                    "ADVISOR=cap-advisors,SUPERVISOR=cap-supervisors"));
    // As running-for-real.md says: the first administrator from the command line, before the
    // server first starts on its data.
    int made =
        new CreateAdminCommand(config, Clock.system(), System.out, System.err)
            .run(
                List.of("alice", "Alice Administrator"),
                CreateAdminCommand.PasswordSource.of(
                    null, new BufferedReader(new StringReader(ADMIN_PASSWORD + "\n"))),
                "root");
    assertThat(made).as("create-admin's exit status").isZero();
    server = CapServer.start(config);
    Site site =
        server
            .repositories()
            .sites()
            .create(
                "Ampthill Library",
                "01632 960 000",
                ZoneId.of("Europe/London"),
                OpeningHours.parse("Mon-Sun 00:00-24:00"),
                List.of("general", "housing"),
                List.of(),
                120);
    kiosk = server.repositories().kiosks().create("Ampthill Library kiosk", site.id());
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
    if (keycloak != null) keycloak.close();
  }

  /** From our sign-in page through the council's login page; returns where the browser ends up. */
  private static void signInAtCouncil(Page page, String username, String password) {
    page.navigate(base + "/index.html");
    page.getByRole(
            com.microsoft.playwright.options.AriaRole.BUTTON,
            new Page.GetByRoleOptions().setName("Sign in with your council account"))
        .click();
    page.waitForURL(Pattern.compile(Pattern.quote(keycloak.issuer()) + "/.*"));
    page.locator("#username").fill(username);
    page.locator("#password").fill(password);
    page.locator("#kc-login").click();
  }

  private static String role(Page page) {
    return (String)
        page.evaluate(
            "async () => { const r = await fetch('/api/session'); return r.ok ? (await r.json()).user.role : String(r.status); }");
  }

  @Test
  void anAdvisorSignsInThroughTheCouncilAndGetsTheAdvisorConsole() {
    try (BrowserContext window = chromium.newWindow()) {
      Page page = window.newPage();
      page.navigate(base + "/index.html");
      assertThat(page.getByText("Sign in with your council account")).isVisible();
      Axe.assertNoViolations(page, "console sign-in with council sign-in");
      var box = page.locator("#council-sign-in-link").boundingBox();
      assertThat(Math.min(box.height, box.width))
          .as("the button's smaller side")
          .isGreaterThanOrEqualTo(44);

      signInAtCouncil(page, "ada", "ada-council-password");

      page.waitForURL(base + "/console.html");
      assertThat(role(page)).isEqualTo("ADVISOR");
      assertThat(page.locator("#sign-out")).isVisible();
      // New from the council with no themes yet (CAP_OIDC_NEW_STAFF_THEMES is not set here).
      assertThat(page.locator("#no-themes")).containsText("You have no enquiry themes");
      Axe.assertNoViolations(page, "advisor console with no themes");
    }
  }

  @Test
  void aSupervisorGroupMemberSignsInAsASupervisor() {
    try (BrowserContext window = chromium.newWindow()) {
      Page page = window.newPage();
      signInAtCouncil(page, "sue", "sue-council-password");

      page.waitForURL(base + "/console.html");
      assertThat(role(page)).isEqualTo("SUPERVISOR");
    }
  }

  @Test
  void someoneTakenOutOfTheGroupCanNoLongerSignInAndIsToldWhy() throws Exception {
    try (BrowserContext window = chromium.newWindow()) {
      Page page = window.newPage();
      signInAtCouncil(page, "lee", "lee-council-password");
      page.waitForURL(base + "/console.html");
    }

    keycloak.removeFromGroup("lee", "cap-advisors");

    try (BrowserContext window = chromium.newWindow()) {
      Page page = window.newPage();
      signInAtCouncil(page, "lee", "lee-council-password");

      page.waitForURL(Pattern.compile(Pattern.quote(base) + "/index\\.html.*"));
      assertThat(page.locator("#notice-text")).hasText(NOT_IN_A_GROUP);
      assertThat(role(page)).isEqualTo("401");
      Axe.assertNoViolations(page, "console sign-in with a council sign-in refused");
    }
  }

  @Test
  void signingOutEndsTheSession() {
    try (BrowserContext window = chromium.newWindow()) {
      Page page = window.newPage();
      signInAtCouncil(page, "ada", "ada-council-password");
      page.waitForURL(base + "/console.html");

      page.locator("#sign-out").click();

      page.waitForURL(base + "/index.html");
      assertThat(page.getByText("Sign in with your council account")).isVisible();
      assertThat(role(page)).isEqualTo("401");
    }
  }

  @Test
  void
      theTwoStepVerificationPageTellsSomeoneSignedInThroughTheCouncilThatTheirProviderChecksThem() {
    try (BrowserContext window = chromium.newWindow()) {
      Page page = window.newPage();
      signInAtCouncil(page, "ada", "ada-council-password");
      page.waitForURL(base + "/console.html");

      page.navigate(base + "/account.html");
      assertThat(page.locator("#status")).containsText("You sign in with your council account");
      assertThat(page.locator("#status"))
          .containsText("Two-step verification here is only for signing in with a password.");
      assertThat(Pages.button(page, "Set up two-step verification")).hasCount(0);
      assertThat(page.locator("#off")).isHidden();
      assertThat(page.locator("#on")).isHidden();
      Axe.assertNoViolations(page, "two-step verification, council sign-in");
    }
  }

  @Test
  void aForgedStateOrACallbackReplayedInAnotherBrowserIsRefused() {
    List<String> callbacks = new CopyOnWriteArrayList<>();
    try (BrowserContext window = chromium.newWindow()) {
      Page page = window.newPage();
      page.onRequest(
          r -> {
            if (r.url().startsWith(base + "/auth/oidc/callback")) callbacks.add(r.url());
          });
      signInAtCouncil(page, "sue", "sue-council-password");
      page.waitForURL(base + "/console.html");
    }
    assertThat(callbacks).hasSize(1);

    try (BrowserContext other = chromium.newWindow()) {
      Page page = other.newPage();
      page.navigate(callbacks.get(0));
      page.waitForURL(base + "/index.html");
      assertThat(page.locator("#notice-text")).hasText(NOT_FINISHED);
      assertThat(role(page)).isEqualTo("401");

      page.navigate(base + "/auth/oidc/callback?state=made-up&code=made-up");
      page.waitForURL(base + "/index.html");
      assertThat(page.locator("#notice-text")).hasText(NOT_FINISHED);
      assertThat(role(page)).isEqualTo("401");
    }
  }

  /**
   * The "done when", whole: an administrator made with the documented command adds an
   * advisor with a theme and a language; the advisor signs in through the council's identity
   * provider, takes a call, and is turned off by the administrator, after which the console stops
   * at once.
   */
  @Test
  void anAdvisorAddedByTheFirstAdminSignsInAtTheCouncilTakesACallAndIsTurnedOff() {
    try (BrowserContext adminWindow = chromium.newWindow();
        BrowserContext advisorWindow = chromium.newWindow()) {
      Page admin = adminWindow.newPage();
      admin.navigate(base + "/index.html");
      admin.getByLabel("Username").fill("alice");
      admin.getByLabel("Password").fill(ADMIN_PASSWORD);
      Pages.button(admin, "Sign in").click();
      admin.waitForURL("**/fleet.html");
      admin
          .getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Staff").setExact(true))
          .click();
      admin.waitForURL("**/staff.html");
      Pages.button(admin, "Add a member of staff").click();
      admin.getByLabel("Username").fill("dee");
      admin.getByLabel("Full name").fill("Dee Newstarter");
      admin.getByLabel("Advisor", new Page.GetByLabelOptions().setExact(true)).check();
      admin.getByLabel("housing", new Page.GetByLabelOptions().setExact(true)).check();
      admin.getByLabel("Polish", new Page.GetByLabelOptions().setExact(true)).check();
      admin.getByLabel("Reason for this change").fill("Joined the housing team");
      // She will sign in with her council account (the choice offered first): no password here.
      assertThat(admin.getByLabel("With their council account")).isChecked();
      Axe.assertNoViolations(admin, "staff page, adding someone with council sign-in");
      Pages.button(admin, "Add").click();
      assertThat(admin.locator("#done-text"))
          .hasText("Dee Newstarter has been added. They sign in with their council account.");
      assertThat(admin.locator("[data-staff-row=dee]")).containsText("Polish");
      assertThat(admin.locator("[data-staff-row=dee]")).containsText("Council account");

      Page advisor = advisorWindow.newPage();
      signInAtCouncil(advisor, "dee", "dee-council-password");
      advisor.waitForURL(base + "/console.html");
      assertThat(role(advisor)).isEqualTo("ADVISOR");
      Pages.setStatus(advisor, "Available");
      assertThat(advisor.locator("#no-themes")).isHidden();

      try (ProtocolSocket k = ProtocolSocket.kiosk(base, kiosk.kiosk().id(), kiosk.secret())) {
        k.await("kiosk.config");
        k.send("call.request", Map.of("theme", "housing"));
        String callId = k.await("call.queued").path("callId").asText();
        assertThat(advisor.locator("#offer-text")).containsText("Housing");
        Pages.button(advisor, "Accept call").click();
        k.await("call.connected", p -> p.path("callId").asText().equals(callId));

        admin.reload();
        admin.locator("[data-staff=dee]").click();
        admin.getByLabel("Reason", new Page.GetByLabelOptions().setExact(true)).fill("Left");
        Pages.button(admin, "Turn off this account").click();

        advisor.waitForURL(Pattern.compile(".*/index\\.html$"));
        assertThat(advisor.locator("#notice-text")).hasText(SessionEnd.DISABLED.reason());
        assertThat(role(advisor)).isEqualTo("401");
      }

      // Turned off here, they cannot come back through the council's sign-in either.
      try (BrowserContext again = chromium.newWindow()) {
        Page page = again.newPage();
        signInAtCouncil(page, "dee", "dee-council-password");
        page.waitForURL(Pattern.compile(Pattern.quote(base) + "/index\\.html.*"));
        assertThat(role(page)).isEqualTo("401");
      }
    }
  }
}
