package uk.gov.council.cap.server.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.testing.Api;
import uk.gov.council.cap.server.testing.FakeClock;
import uk.gov.council.cap.server.testing.TestServer;

/**
 * Setting up a second factor, signing in with it, wrong codes slowed as wrong passwords are, and an
 * admin's reset. The clock is stopped, so a code stays the current one until the test moves it.
 */
class TotpSignInTest {
  private TestServer server;
  private final Totp codes = new Totp(() -> server.clock().now());

  @BeforeEach
  void setUp() {
    server =
        new TestServer(
            FakeClock.stopped(),
            c ->
                c.withSignIn(
                    new ServerConfig.SignIn(
                        Duration.ofSeconds(2),
                        3,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(60),
                        20,
                        Duration.ofMinutes(15),
                        Duration.ofDays(30),
                        4,
                        Duration.ZERO,
                        List.of("technician"))));
    server.staff("alex", Role.ADVISOR, Set.of("general"));
    server.staff("tom", Role.TECHNICIAN, Set.of());
    server.staff("ada", Role.ADMIN, Set.of());
    server.staff("sue", Role.SUPERVISOR, Set.of("general"));
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void onceSetUpSigningInNeedsTheCodeFromTheAppAndEachCodeWorksOnce() {
    Api alex = server.signIn("alex");
    var status = alex.get("/api/account/totp").body();
    assertThat(status.path("on").asBoolean()).isFalse();
    // A password sign-in, in a role that chooses for itself: the page offers set-up and turning
    // off.
    assertThat(status.path("council").asBoolean()).isFalse();
    assertThat(status.path("required").asBoolean()).isFalse();
    byte[] secret = begin(alex);
    assertThat(alex.download("/api/account/totp/qr.svg").headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("image/svg+xml"));
    // Not on until a code proves the app has the secret.
    assertThat(new Api(server.url()).signIn("alex", TestServer.PASSWORD).status()).isEqualTo(200);
    Api.Response wrong = alex.post("/api/account/totp/confirm", Map.of("code", "000000"));
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.body().path("details").has("code")).isTrue();
    String first = code(secret);
    assertThat(alex.post("/api/account/totp/confirm", Map.of("code", first)).status())
        .isEqualTo(200);
    assertThat(alex.get("/api/account/totp").body().path("on").asBoolean()).isTrue();

    Api browser = new Api(server.url());
    Api.Response asked = browser.signIn("alex", TestServer.PASSWORD);
    assertThat(asked.status()).isEqualTo(401);
    assertThat(asked.body().path("codeRequired").asBoolean()).isTrue();
    assertThat(asked.body().path("error").asText())
        .isEqualTo("Enter the 6-digit code from your authenticator app");
    assertThat(asked.raw().headers().firstValue("Set-Cookie")).isEmpty();
    // The code that confirmed the app was spent there.
    assertThat(browser.signIn("alex", TestServer.PASSWORD, first).status()).isEqualTo(401);

    server.clock().advance(Duration.ofSeconds(30));
    String next = code(secret);
    assertThat(browser.signIn("alex", TestServer.PASSWORD, next).status()).isEqualTo(200);
    assertThat(browser.get("/api/session").status()).isEqualTo(200);
    assertThat(latest("staff.signed_in").detail()).isEqualTo("by password+totp");
    // Seen over a shoulder and typed again within its 90 seconds: refused.
    assertThat(new Api(server.url()).signIn("alex", TestServer.PASSWORD, next).status())
        .isEqualTo(401);
  }

  @Test
  void wrongCodesAreSlowedExactlyLikeWrongPasswords() {
    Api alex = server.signIn("alex");
    byte[] secret = enrol(alex);
    server.clock().advance(Duration.ofSeconds(30));
    Api guesser = new Api(server.url());
    for (int i = 0; i < 3; i++) {
      Api.Response r = guesser.signIn("alex", TestServer.PASSWORD, "12345" + i);
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.body().path("codeRequired").asBoolean()).isTrue();
    }
    AuditLog.AuditEntry failed = latest("staff.sign_in_failed");
    assertThat(failed.subject()).isEqualTo("staff:alex");
    assertThat(failed.detail()).startsWith("wrong code");

    Api.Response slowed = guesser.signIn("alex", TestServer.PASSWORD, code(secret));
    assertThat(slowed.status()).isEqualTo(429);
    assertThat(slowed.raw().headers().firstValue("Retry-After")).hasValue("1");
    assertThat(slowed.body().path("error").asText())
        .isEqualTo("Too many wrong codes. Wait 1 second and try again.");

    server.clock().advance(Duration.ofSeconds(1));
    assertThat(guesser.signIn("alex", TestServer.PASSWORD, code(secret)).status()).isEqualTo(200);
  }

  @Test
  void turningItOffNeedsACurrentCodeAndGuessingOneIsSlowed() {
    Api alex = server.signIn("alex");
    byte[] secret = enrol(alex);
    assertThat(alex.post("/api/account/totp", Map.of()).status()).isEqualTo(409);
    server.clock().advance(Duration.ofSeconds(30));
    for (int i = 0; i < 3; i++) {
      assertThat(alex.post("/api/account/totp/off", Map.of("code", "00000" + i)).status())
          .isEqualTo(400);
    }
    Api.Response slowed = alex.post("/api/account/totp/off", Map.of("code", code(secret)));
    assertThat(slowed.status()).isEqualTo(429);
    assertThat(slowed.body().path("error").asText())
        .isEqualTo("Too many wrong codes. Wait 1 second and try again.");
    server.clock().advance(Duration.ofSeconds(1));
    assertThat(alex.post("/api/account/totp/off", Map.of("code", code(secret))).status())
        .isEqualTo(200);
    assertThat(latest("staff.totp_off").actor()).isEqualTo("staff:alex");
    assertThat(new Api(server.url()).signIn("alex", TestServer.PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void anAdminResetsTheSecondFactorOfSomeoneWhoLostTheirPhoneWithAReasonAndNobodyElseCan() {
    enrol(server.signIn("alex"));
    String alexId =
        server.server().repositories().staff().findByUsername("alex").orElseThrow().id();
    String path = "/api/staff/" + alexId + "/totp-reset";

    assertThat(server.signIn("sue").post(path, Map.of("reason", "lost phone")).status())
        .isEqualTo(403);
    Api ada = server.signIn("ada");
    Api.Response noReason = ada.post(path, Map.of("reason", " "));
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.body().path("details").has("reason")).isTrue();
    assertThat(ada.post("/api/staff/nobody/totp-reset", Map.of("reason", "x")).status())
        .isEqualTo(404);

    assertThat(ada.post(path, Map.of("reason", "Lost phone, ticket 4411")).status()).isEqualTo(200);
    AuditLog.AuditEntry reset = latest("staff.totp_reset");
    assertThat(reset.actor()).isEqualTo("staff:ada");
    assertThat(reset.subject()).isEqualTo("staff:alex");
    assertThat(reset.detail()).isEqualTo("Lost phone, ticket 4411");
    assertThat(new Api(server.url()).signIn("alex", TestServer.PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void aRoleThatMustUseItIsShownHowToSetItUpAtSignInAndCannotTurnItOff() {
    Api browser = new Api(server.url());
    Api.Response asked = browser.signIn("tom", TestServer.PASSWORD);
    assertThat(asked.status()).isEqualTo(401);
    assertThat(asked.body().path("setUpRequired").asBoolean()).isTrue();
    assertThat(asked.raw().headers().firstValue("Set-Cookie")).isEmpty();

    Map<String, String> wrongPassword = Map.of("username", "tom", "password", "nope");
    assertThat(browser.post("/api/session/totp-setup", wrongPassword).status()).isEqualTo(401);
    Api.Response setUp =
        browser.post(
            "/api/session/totp-setup", Map.of("username", "tom", "password", TestServer.PASSWORD));
    assertThat(setUp.status()).isEqualTo(200);
    assertThat(setUp.body().path("qrSvg").asText()).startsWith("<svg");
    byte[] secret = Totp.fromBase32(setUp.body().path("secret").asText());

    Api.Response wrong = browser.signIn("tom", TestServer.PASSWORD, "000000");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.body().path("setUpRequired").asBoolean()).isTrue();
    assertThat(latest("staff.sign_in_failed").detail()).startsWith("wrong code");

    assertThat(browser.signIn("tom", TestServer.PASSWORD, code(secret)).status()).isEqualTo(200);
    assertThat(latest("staff.totp_on").detail()).isEqualTo("at sign-in");
    assertThat(latest("staff.signed_in").detail()).isEqualTo("by password+totp");
    var status = browser.get("/api/account/totp").body();
    assertThat(status.path("on").asBoolean()).isTrue();
    // So the page offers no turning off, only who can reset it.
    assertThat(status.path("required").asBoolean()).isTrue();
    assertThat(status.path("council").asBoolean()).isFalse();
    assertThat(
            browser
                .post(
                    "/api/session/totp-setup",
                    Map.of("username", "tom", "password", TestServer.PASSWORD))
                .status())
        .isEqualTo(409);
    server.clock().advance(Duration.ofSeconds(30));
    assertThat(browser.post("/api/account/totp/off", Map.of("code", code(secret))).status())
        .isEqualTo(409);
    assertThat(new Api(server.url()).signIn("tom", TestServer.PASSWORD, code(secret)).status())
        .isEqualTo(200);
    // Other roles still choose for themselves.
    assertThat(new Api(server.url()).signIn("alex", TestServer.PASSWORD).status()).isEqualTo(200);
  }

  /** Starts setting up an app; returns the secret as the page shows it, read back. */
  private byte[] begin(Api api) {
    Api.Response r = api.post("/api/account/totp", Map.of());
    assertThat(r.status()).isEqualTo(200);
    return Totp.fromBase32(r.body().path("secret").asText());
  }

  private byte[] enrol(Api api) {
    byte[] secret = begin(api);
    assertThat(api.post("/api/account/totp/confirm", Map.of("code", code(secret))).status())
        .isEqualTo(200);
    return secret;
  }

  private String code(byte[] secret) {
    return Totp.codeAt(secret, codes.currentStep(), Totp.DIGITS);
  }

  private AuditLog.AuditEntry latest(String action) {
    return server.server().repositories().audit().latest(action, 1).get(0);
  }
}
