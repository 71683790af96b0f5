package uk.gov.council.cap.server.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.testing.Api;
import uk.gov.council.cap.server.testing.TestServer;

/** Sign-in, session cookies, CSRF and roles, enforced by the server on every route. */
class SignInAndRolesTest {
  private final TestServer server = new TestServer();

  @BeforeEach
  void setUp() {
    server.staff("alex", Role.ADVISOR, Set.of("general"));
    server.staff("tech", Role.TECHNICIAN, Set.of());
    server.staff("sue", Role.SUPERVISOR, Set.of("general"));
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void theSessionCookieIsHttpOnlySecureAndStrict() {
    Api api = new Api(server.url());
    Api.Response r = api.signIn("alex", TestServer.PASSWORD);
    assertThat(r.status()).isEqualTo(200);
    String cookie = r.raw().headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).contains("HttpOnly").contains("Secure").contains("SameSite=Strict");
    assertThat(r.body().path("user").path("role").asText()).isEqualTo("ADVISOR");
    assertThat(r.body().path("csrfToken").asText()).hasSizeGreaterThan(20);
    assertThat(r.body().toString()).doesNotContain("password");
  }

  @Test
  void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
    Api.Response wrongPassword = new Api(server.url()).signIn("alex", "nope");
    Api.Response unknownUser = new Api(server.url()).signIn("mallory", "nope");
    assertThat(wrongPassword.status()).isEqualTo(401);
    assertThat(unknownUser.status()).isEqualTo(401);
    assertThat(wrongPassword.body()).isEqualTo(unknownUser.body());
    assertThat(wrongPassword.body().path("error").asText())
        .isEqualTo("Username or password is incorrect");
  }

  @Test
  void wrongPasswordsSlowTheNextTryWithoutLockingAnyoneElseOut() {
    Api api = new Api(server.url());
    for (int i = 0; i < 3; i++) {
      assertThat(api.signIn("alex", "guess" + i).status()).isEqualTo(401);
    }
    Api.Response slowed = api.signIn("alex", TestServer.PASSWORD);
    assertThat(slowed.status()).isEqualTo(429);
    assertThat(slowed.body().path("error").asText()).startsWith("Too many wrong passwords. Wait ");
    assertThat(slowed.raw().headers().firstValue("Retry-After")).isPresent();
    // Other people are not affected.
    assertThat(new Api(server.url()).signIn("sue", TestServer.PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void nothingUnderApiIsReadableWithoutSigningIn() {
    Api anonymous = new Api(server.url());
    for (String path :
        new String[] {
          "/api/cases?recent=true",
          "/api/queue",
          "/api/customers?q=smith",
          "/api/rtc/ice-servers",
          "/api/session",
          "/api/audit?caseId=x"
        }) {
      assertThat(anonymous.get(path).status()).as(path).isEqualTo(401);
    }
    assertThat(anonymous.get("/api/health").status()).isEqualTo(200);
  }

  @Test
  void rolesAreEnforcedOnTheServer() {
    Api tech = server.signIn("tech");
    assertThat(tech.get("/api/cases?recent=true").status()).isEqualTo(403);
    assertThat(tech.get("/api/customers?q=smith").status()).isEqualTo(403);
    assertThat(tech.get("/api/cases?recent=true").body().path("error").asText())
        .contains("technician");
    Api alex = server.signIn("alex");
    assertThat(alex.get("/api/audit?caseId=x").status()).isEqualTo(403);
    assertThat(server.signIn("sue").get("/api/audit?caseId=x").status()).isEqualTo(200);
  }

  @Test
  void changesWithoutTheCsrfTokenAreRefused() {
    Api alex = server.signIn("alex");
    Api.Response r =
        alex.withoutCsrf(
            "POST", "/api/customers", Map.of("firstName", "Ada", "lastName", "Lovelace"));
    assertThat(r.status()).isEqualTo(403);
    assertThat(
            alex.post("/api/customers", Map.of("firstName", "Ada", "lastName", "Lovelace"))
                .status())
        .isEqualTo(201);
  }

  @Test
  void signingOutEndsTheSessionOnTheServer() {
    Api alex = server.signIn("alex");
    assertThat(alex.send("DELETE", "/api/session", null).status()).isEqualTo(204);
    assertThat(alex.get("/api/cases?recent=true").status()).isEqualTo(401);
  }

  @Test
  void pagesCarryAStrictContentSecurityPolicy() {
    Api.Response page = new Api(server.url()).get("/api/health");
    assertThat(page.raw().headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("default-src 'self'")
        .doesNotContain("unsafe-inline");
  }
}
