package uk.gov.council.cap.systemtests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.CapServer;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.StaffRepository;

/**
 * The console as an advisor sees it when their session ends somewhere else: signed out in another
 * window, or their account turned off. The open page goes back to sign-in at once and says why,
 * instead of reconnecting for ever.
 */
class SessionEndsEndToEndTest extends BrowserTest {
  private static final String PASSWORD = "correct horse battery";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static CapServer server;

  @BeforeAll
  static void start() throws Exception {
    Path work = Files.createTempDirectory("cap-sessions");
    server =
        CapServer.start(ServerConfig.defaults().withPort(0).withDataDir(work.resolve("server")));
    server
        .repositories()
        .staff()
        .create("alex", "Alex Advisor", Role.ADVISOR, Set.of("general"), PASSWORD);
    server
        .repositories()
        .staff()
        .create("sam", "Sam Advisor", Role.ADVISOR, Set.of("general"), PASSWORD);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Page consoleSignedIn(BrowserContext window, String username) {
    Page console = window.newPage();
    Pages.signIn(console, server.baseUrl(), username, PASSWORD);
    Pages.setStatus(console, "Available");
    return console;
  }

  @Test
  void signingOutInAnotherWindowSendsTheOpenConsoleBackToSignInSayingWhy() throws Exception {
    try (BrowserContext window = chromium.newWindow()) {
      Page console = consoleSignedIn(window, "alex");
      String cookie =
          window.cookies().stream()
              .filter(c -> c.name.equals("cap_session"))
              .findFirst()
              .orElseThrow()
              .value;

      // Another window of the same browser signs out: the same session, through the API the page
      // uses.
      HttpClient http = HttpClient.newHttpClient();
      var session =
          http.send(
              HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/session"))
                  .header("Cookie", "cap_session=" + cookie)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      String csrf = JSON.readTree(session.body()).path("csrfToken").asText();
      var signedOut =
          http.send(
              HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/session"))
                  .header("Cookie", "cap_session=" + cookie)
                  .header("X-CSRF-Token", csrf)
                  .DELETE()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(signedOut.statusCode()).isEqualTo(204);

      console.waitForURL(Pattern.compile(".*/index\\.html$"));
      assertThat(console.locator("#notice")).isVisible();
      assertThat(console.locator("#notice-text")).hasText("Your session has ended. Sign in again.");
      assertThat(console.getByLabel("Username")).isVisible();
    }
  }

  @Test
  void anAccountTurnedOffClosesItsConsoleAtOnce() {
    try (BrowserContext window = chromium.newWindow()) {
      Page console = consoleSignedIn(window, "sam");
      StaffRepository staff = server.repositories().staff();

      staff.setDisabled(staff.findByUsername("sam").orElseThrow().id(), true);

      console.waitForURL(Pattern.compile(".*/index\\.html$"));
      assertThat(console.locator("#notice-text"))
          .hasText("Your account has been turned off. Ask an administrator if you need it back.");
    }
  }
}
