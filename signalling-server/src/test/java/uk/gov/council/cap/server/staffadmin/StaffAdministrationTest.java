package uk.gov.council.cap.server.staffadmin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.sites.Site;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.SessionEnd;
import uk.gov.council.cap.server.staff.StaffMember;
import uk.gov.council.cap.server.testing.Api;
import uk.gov.council.cap.server.testing.FakeClock;
import uk.gov.council.cap.server.testing.TestServer;
import uk.gov.council.cap.server.testing.WsClient;

/**
 * Staff administration through the API, as the staff page uses it: adding someone who sets their
 * own password through a one-time link, changing them (their skills reaching the call desk at
 * once), turning them off (their console closing at once), and the rules that keep at least one
 * admin and every change audited with its reason.
 */
class StaffAdministrationTest {
  private static final String NEW_PASSWORD = "a long and quiet river";

  private TestServer server;
  private Site library;
  private Api admin;

  @BeforeEach
  void setUp() {
    server = new TestServer(FakeClock.running(), c -> c);
    library = server.openSite("Ampthill Library", List.of("general", "housing"), List.of());
    server.staff("ada", Role.ADMIN, Set.of());
    admin = server.signIn("ada");
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private Map<String, Object> newAdvisor(String username) {
    Map<String, Object> body = new HashMap<>();
    body.put("username", username);
    body.put("displayName", "Pat Kowalski");
    body.put("role", "ADVISOR");
    body.put("themes", List.of("general"));
    body.put("sites", List.of());
    body.put("languages", List.of("en", "pl"));
    body.put("reason", "Joined the contact centre team");
    return body;
  }

  private static Map<String, Object> change(String role, List<String> themes, String reason) {
    Map<String, Object> body = new HashMap<>();
    body.put("displayName", "Pat Kowalski");
    body.put("role", role);
    body.put("themes", themes);
    body.put("sites", List.of());
    body.put("languages", List.of("en", "pl"));
    body.put("reason", reason);
    return body;
  }

  private static String token(JsonNode created) {
    String path = created.path("passwordLink").path("path").asText();
    assertThat(path).startsWith("/set-password.html?token=");
    return path.substring(path.indexOf('=') + 1);
  }

  private Api.Response setPassword(String token, String password) {
    return new Api(server.url())
        .post("/api/password", Map.of("token", token, "password", password));
  }

  private AuditLog.AuditEntry lastAudit(String action) {
    return server.server().repositories().audit().latest(action, 1).get(0);
  }

  @Test
  void anAdminAddsSomeoneWhoSetsTheirOwnPasswordOnceAndSignsIn() {
    Api.Response created = admin.post("/api/staff", newAdvisor("pat"));
    assertThat(created.status()).isEqualTo(201);
    JsonNode member = created.body().path("member");
    assertThat(member.path("hasPassword").asBoolean()).isFalse();
    assertThat(member.path("languages").toString()).contains("en", "pl");
    AuditLog.AuditEntry audit = lastAudit("staff.created");
    assertThat(audit.actor()).isEqualTo("staff:ada");
    assertThat(audit.subject()).isEqualTo("staff:pat");
    assertThat(audit.detail())
        .contains("role=ADVISOR", "languages=en,pl", "reason: Joined the contact centre team");

    String token = token(created.body());
    // No password yet: nothing signs in as them.
    assertThat(new Api(server.url()).signIn("pat", "").status()).isEqualTo(400);
    assertThat(new Api(server.url()).signIn("pat", "anything at all").status()).isEqualTo(401);
    Api.Response check = new Api(server.url()).post("/api/password/check", Map.of("token", token));
    assertThat(check.body().path("username").asText()).isEqualTo("pat");

    assertThat(setPassword(token, NEW_PASSWORD).status()).isEqualTo(204);
    assertThat(lastAudit("staff.password_set").detail()).contains("by one-time link");

    Api.Response again = setPassword(token, "another long password");
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.body().path("error").asText()).isEqualTo(PasswordRoutes.LINK_DOES_NOT_WORK);
    assertThat(Api.signedIn(server.url(), "pat", NEW_PASSWORD)).isNotNull();

    JsonNode listed = find(admin.get("/api/staff").body(), "pat");
    assertThat(listed.path("hasPassword").asBoolean()).isTrue();
    assertThat(listed.path("lastSignedInAt").isNull()).isFalse();
    assertThat(listed.path("lastSignedInBy").asText()).isEqualTo("password");
  }

  @Test
  void aLinkExpiresAndOnlyTheNewestLinkForSomeoneWorks() {
    JsonNode created = admin.post("/api/staff", newAdvisor("pat")).body();
    String first = token(created);
    String id = created.path("member").path("id").asText();
    String second =
        token(
            admin
                .post(
                    "/api/staff/" + id + "/password-link", Map.of("reason", "Lost the first email"))
                .body());

    assertThat(setPassword(first, NEW_PASSWORD).status()).isEqualTo(400);
    server.clock().advance(Duration.ofHours(24).plusMinutes(1));
    Api.Response late = setPassword(second, NEW_PASSWORD);
    assertThat(late.status()).isEqualTo(400);
    assertThat(late.body().path("error").asText()).isEqualTo(PasswordRoutes.LINK_DOES_NOT_WORK);
  }

  @Test
  void passwordsFollowTheRulesAndAWeakOneDoesNotUseTheLink() {
    String token = token(admin.post("/api/staff", newAdvisor("pat")).body());

    assertThat(setPassword(token, "too short").body().path("details").path("password").asText())
        .contains("at least 12 characters");
    assertThat(setPassword(token, "Password1234").body().path("error").asText())
        .contains("most common");
    assertThat(setPassword(token, "x".repeat(129)).body().path("error").asText())
        .contains("128 characters or fewer");
    assertThat(setPassword(token, "my name is pat ok").body().path("error").asText())
        .contains("username");
    // Any characters at all, spaces and emoji included, counted as typed.
    assertThat(setPassword(token, "🦆 🦆 🦆 🦆 🦆 🦆 🦆").status()).isEqualTo(204);
    assertThat(Api.signedIn(server.url(), "pat", "🦆 🦆 🦆 🦆 🦆 🦆 🦆")).isNotNull();
  }

  @Test
  void aPasswordOfTheLongestAllowedLengthIsKeptWholeAndSignsIn() {
    // 128 emoji: 512 bytes, far past the 71 that bcrypt itself reads.
    String longest = "🦆".repeat(127) + "x";
    String oneLess = "🦆".repeat(127) + "y";
    String token = token(admin.post("/api/staff", newAdvisor("pat")).body());

    assertThat(setPassword(token, longest).status()).isEqualTo(204);

    assertThat(new Api(server.url()).signIn("pat", longest).status()).isEqualTo(200);
    assertThat(new Api(server.url()).signIn("pat", oneLess).status()).isEqualTo(401);
  }

  @Test
  void wrongLinksFromOneAddressAreThrottled() {
    server.close();
    server =
        new TestServer(
            FakeClock.running(),
            c -> c.withStaffAdmin(new ServerConfig.StaffAdmin(Duration.ofHours(24), 3)));
    for (int i = 0; i < 3; i++) {
      assertThat(setPassword("guess-" + i, NEW_PASSWORD).status()).isEqualTo(400);
    }
    Api.Response refused = setPassword("guess-4", NEW_PASSWORD);
    assertThat(refused.status()).isEqualTo(429);
    server.clock().advance(Duration.ofHours(1).plusSeconds(1));
    assertThat(setPassword("guess-5", NEW_PASSWORD).status()).isEqualTo(400);
  }

  @Test
  void theFormIsCheckedFieldByField() {
    admin.post("/api/staff", newAdvisor("pat"));
    Map<String, Object> body = newAdvisor("PAT");
    body.put("themes", List.of("parking"));
    body.put("languages", List.of("klingon"));
    body.put("sites", List.of("no-such-site"));
    body.put("displayName", "x".repeat(101));
    body.put("reason", "");
    Api.Response refused = admin.post("/api/staff", body);

    assertThat(refused.status()).isEqualTo(400);
    JsonNode d = refused.body().path("details");
    assertThat(d.path("username").asText()).contains("already has the username pat");
    assertThat(d.path("themes").asText()).isEqualTo("Select themes from the list only");
    assertThat(d.path("sites").asText()).isEqualTo("Select sites from the list only");
    assertThat(d.path("languages").asText()).isEqualTo("Select languages from the list only");
    assertThat(d.path("displayName").asText()).contains("100 characters or fewer");
    assertThat(d.path("reason").asText()).isEqualTo("Enter the reason for this change");
    body = newAdvisor("bad name!");
    assertThat(admin.post("/api/staff", body).body().path("details").path("username").asText())
        .contains("only letters, numbers");
  }

  @Test
  void aChangeIsAuditedOldToNewWithItsReason() {
    String id =
        admin.post("/api/staff", newAdvisor("pat")).body().path("member").path("id").asText();

    Api.Response changed =
        admin.put(
            "/api/staff/" + id,
            change("SUPERVISOR", List.of("general", "housing"), "Promoted to team leader"));

    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.body().path("member").path("role").asText()).isEqualTo("SUPERVISOR");
    assertThat(lastAudit("staff.updated").detail())
        .contains(
            "themes: general -> general,housing",
            "role: ADVISOR -> SUPERVISOR",
            "reason: Promoted to team leader");
    assertThat(admin.put("/api/staff/" + id, change("ADVISOR", List.of(), "")).status())
        .isEqualTo(400);
  }

  @Test
  void aNewThemeReachesASignedInAdvisorsNextOfferWithoutSigningInAgain() {
    server.staff("alex", Role.ADVISOR, Set.of("general"));
    server.staff("hal", Role.ADVISOR, Set.of("housing"));
    WsClient alex = server.consoleSocket(server.signIn("alex"));
    alex.becomeAvailable();
    WsClient hal = server.consoleSocket(server.signIn("hal")); // Away: keeps the queue open
    hal.await("advisor.state");
    KioskRepository.Enrolled kiosk = server.kiosk("Ampthill kiosk", library);
    WsClient k = server.kioskSocket(kiosk);
    k.await("kiosk.config");
    k.send("call.request", Map.of("theme", "housing"));
    String callId = k.await("call.queued").path("callId").asText();
    String alexId =
        server.server().repositories().staff().findByUsername("alex").orElseThrow().id();
    Map<String, Object> body = change("ADVISOR", List.of("general", "housing"), "Trained");
    body.put("displayName", "Alex Tester");

    assertThat(admin.put("/api/staff/" + alexId, body).status()).isEqualTo(200);

    assertThat(alex.await("call.offer").path("callId").asText()).isEqualTo(callId);
    assertThat(alex.isOpen()).isTrue();
    k.close();
    hal.close();
    alex.close();
  }

  @Test
  void turningSomeoneOffClosesTheirConsoleAtOnceAndIsAuditedWithTheReason() {
    server.staff("alex", Role.ADVISOR, Set.of("general"));
    Api alexApi = server.signIn("alex");
    WsClient alex = server.consoleSocket(alexApi);
    alex.becomeAvailable();
    String alexId =
        server.server().repositories().staff().findByUsername("alex").orElseThrow().id();

    Api.Response off =
        admin.post("/api/staff/" + alexId + "/disable", Map.of("reason", "Left the council"));

    assertThat(off.status()).isEqualTo(200);
    assertThat(off.body().path("member").path("disabled").asBoolean()).isTrue();
    assertThat(alex.awaitClose(Duration.ofSeconds(5))).isEqualTo(SessionEnd.CLOSE_CODE);
    assertThat(alex.closeReason()).isEqualTo(SessionEnd.DISABLED.reason());
    assertThat(alexApi.get("/api/session").status()).isEqualTo(401);
    assertThat(lastAudit("staff.disabled").detail()).isEqualTo("reason: Left the council");
    assertThat(
            admin
                .post("/api/staff/" + alexId + "/password-link", Map.of("reason", "Forgot"))
                .status())
        .isEqualTo(409);

    assertThat(
            admin.post("/api/staff/" + alexId + "/enable", Map.of("reason", "Came back")).status())
        .isEqualTo(200);
    assertThat(Api.signedIn(server.url(), "alex", TestServer.PASSWORD)).isNotNull();
    assertThat(lastAudit("staff.enabled").detail()).isEqualTo("reason: Came back");
  }

  @Test
  void anAdminCannotTurnOffOrDemoteThemselvesNorTheLastAdmin() {
    String adaId = server.server().repositories().staff().findByUsername("ada").orElseThrow().id();

    Api.Response self = admin.post("/api/staff/" + adaId + "/disable", Map.of("reason", "Testing"));
    assertThat(self.status()).isEqualTo(409);
    Map<String, Object> demote = change("ADVISOR", List.of(), "Testing");
    demote.put("displayName", "Ada Tester");
    assertThat(
            admin.put("/api/staff/" + adaId, demote).body().path("details").path("role").asText())
        .contains("your own role");

    // Whoever else asks (the first-admin command, say), the last admin who can sign in stays one.
    var repos = server.server().repositories();
    StaffAdmin rules =
        new StaffAdmin(
            repos.staff(),
            repos.sites(),
            new PasswordLinks(null, null, server.clock(), Duration.ofHours(1)),
            repos.audit(),
            false);
    StaffMember someoneElse =
        new StaffMember("other", "other", "Other", Role.ADMIN, Set.of(), Set.of(), Set.of());
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> rules.setDisabled(someoneElse, adaId, true, "Tidying up")))
        .hasMessageContaining("only administrator");
    assertThat(admin.get("/api/staff").status()).isEqualTo(200);
  }

  @Test
  void onlyAdminsMayAdministerStaff() {
    server.staff("sue", Role.SUPERVISOR, Set.of("general"));
    assertThat(server.signIn("sue").get("/api/staff").status()).isEqualTo(403);
    assertThat(new Api(server.url()).get("/api/staff").status()).isEqualTo(401);
  }

  private static JsonNode find(JsonNode list, String username) {
    for (JsonNode m : list.path("staff")) {
      if (m.path("username").asText().equals(username)) {
        return m;
      }
    }
    throw new AssertionError("No " + username + " in " + list);
  }
}
