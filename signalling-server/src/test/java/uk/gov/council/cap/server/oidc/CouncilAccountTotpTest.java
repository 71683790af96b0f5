package uk.gov.council.cap.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.testing.FakeClock;
import uk.gov.council.cap.server.testing.TestServer;

/**
 * Someone signed in through the council sees on the two-step verification page that their
 * provider's checks apply, and is offered no set-up here: it would have nothing to do with how they
 * sign in. The session is made by the real callback, as {@link CouncilSignInTest} does.
 */
class CouncilAccountTotpTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private FakeProvider provider;
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    FakeClock clock = FakeClock.running();
    provider = new FakeProvider(clock);
    ServerConfig.Oidc oidc =
        ServerConfig.Oidc.with(
            provider.issuer(),
            FakeProvider.CLIENT_ID,
            FakeProvider.SECRET,
            "http://localhost/auth/oidc/callback",
            "ADVISOR=cap-advisors");
    server = new TestServer(clock, c -> c.withOidc(oidc));
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
    if (provider != null) provider.close();
  }

  @Test
  void someoneSignedInThroughTheCouncilIsToldTheirProvidersChecksApplyAndCannotSetItUp()
      throws Exception {
    String session = councilSignIn();
    JsonNode status = JSON.readTree(send("GET", "/api/account/totp", session, null).body());
    assertThat(status.path("council").asBoolean()).isTrue();
    assertThat(status.path("on").asBoolean()).isFalse();

    String csrf =
        JSON.readTree(send("GET", "/api/session", session, null).body()).path("csrfToken").asText();
    HttpResponse<String> setUp = send("POST", "/api/account/totp", session, csrf);
    assertThat(setUp.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(setUp.body()).path("error").asText())
        .startsWith("You sign in with your council account");
    assertThat(server.server().repositories().audit().latest("staff.totp_setup_started", 1))
        .isEmpty();
  }

  /** The whole journey as a browser makes it; returns the session cookie's value. */
  private String councilSignIn() throws Exception {
    HttpResponse<String> started = send("GET", "/auth/oidc/start", null, null);
    URI to = URI.create(started.headers().firstValue("Location").orElseThrow());
    String stateCookie = cookie(started, OidcRoutes.STATE_COOKIE);
    String state = FakeProvider.query(to.getRawQuery()).get("state");
    String code = provider.authorise(to);
    HttpRequest callback =
        HttpRequest.newBuilder(
                URI.create(
                    server.url()
                        + "/auth/oidc/callback?state="
                        + URLEncoder.encode(state, StandardCharsets.UTF_8)
                        + "&code="
                        + URLEncoder.encode(code, StandardCharsets.UTF_8)))
            .header("Cookie", OidcRoutes.STATE_COOKIE + "=" + stateCookie)
            .GET()
            .build();
    HttpResponse<String> done = http.send(callback, HttpResponse.BodyHandlers.ofString());
    assertThat(done.headers().firstValue("Location")).hasValue("/console.html");
    return cookie(done, "cap_session");
  }

  private HttpResponse<String> send(String method, String path, String session, String csrf)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .method(
                method,
                csrf == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString("{}"));
    if (session != null) b.header("Cookie", "cap_session=" + session);
    if (csrf != null) b.header("X-CSRF-Token", csrf).header("Content-Type", "application/json");
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String cookie(HttpResponse<String> r, String name) {
    return r.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith(name + "="))
        .map(c -> c.substring(name.length() + 1, c.indexOf(';')))
        .filter(v -> !v.isEmpty())
        .findFirst()
        .orElseThrow();
  }
}
