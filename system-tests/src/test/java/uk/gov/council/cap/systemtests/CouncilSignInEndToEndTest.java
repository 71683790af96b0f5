package uk.gov.council.cap.systemtests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.CapServer;
import uk.gov.council.cap.server.ServerConfig;

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

  private static Keycloak keycloak;
  private static CapServer server;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    int port = Keycloak.freePort();
    base = "http://localhost:" + port;
    String redirect = base + "/auth/oidc/callback";
    keycloak = new Keycloak(redirect);
    server =
        CapServer.start(
            ServerConfig.defaults()
                .withPort(port)
                .withDataDir(Files.createTempDirectory("cap-oidc"))
                .withOidc(
                    ServerConfig.Oidc.with(
                        keycloak.issuer(),
                        Keycloak.CLIENT_ID,
                        Keycloak.CLIENT_SECRET,
                        redirect,
                        "ADVISOR=cap-advisors,SUPERVISOR=cap-supervisors")));
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
}
