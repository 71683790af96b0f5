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
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.StaffMember;
import uk.gov.council.cap.server.testing.Api;
import uk.gov.council.cap.server.testing.FakeClock;
import uk.gov.council.cap.server.testing.TestServer;

/**
 * Council sign-in through the server's real routes against {@link FakeProvider}: the code flow with
 * PKCE end to end, and each way a sign-in must be refused.
 */
class CouncilSignInTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GROUPS =
      "ADVISOR=cap-advisors,SUPERVISOR=cap-supervisors,TECHNICIAN=cap-technicians";

  private final HttpClient http = HttpClient.newHttpClient();
  private FakeProvider provider;
  private TestServer server;

  private void start(FakeClock clock, UnaryOperator<ServerConfig.Oidc> settings) throws Exception {
    provider = new FakeProvider(clock);
    ServerConfig.Oidc oidc =
        settings.apply(
            ServerConfig.Oidc.with(
                provider.issuer(),
                FakeProvider.CLIENT_ID,
                FakeProvider.SECRET,
                "http://localhost/auth/oidc/callback",
                GROUPS));
    server = new TestServer(clock, c -> c.withOidc(oidc));
  }

  private void start() throws Exception {
    start(FakeClock.running(), UnaryOperator.identity());
  }

  @AfterEach
  void stop() {
    if (server != null) server.close();
    if (provider != null) provider.close();
  }

  /** A sign-in started by this browser: where the provider was asked to send it, and its cookie. */
  private record Started(URI providerUrl, String stateCookie, String state) {}

  /** What the callback answered: where it sent the browser, and the session cookie if any. */
  private record Callback(String location, String sessionCookie) {}

  private Started startSignIn() throws Exception {
    HttpResponse<String> r = get("/auth/oidc/start", null);
    assertThat(r.statusCode()).isEqualTo(302);
    URI to = URI.create(r.headers().firstValue("Location").orElseThrow());
    String cookie = cookie(r, OidcRoutes.STATE_COOKIE);
    return new Started(to, cookie, FakeProvider.query(to.getRawQuery()).get("state"));
  }

  private Callback callback(String state, String code, String cookie) throws Exception {
    HttpResponse<String> r =
        get(
            "/auth/oidc/callback?state="
                + URLEncoder.encode(state, StandardCharsets.UTF_8)
                + "&code="
                + URLEncoder.encode(code, StandardCharsets.UTF_8),
            cookie == null ? null : OidcRoutes.STATE_COOKIE + "=" + cookie);
    assertThat(r.statusCode()).isEqualTo(302);
    return new Callback(r.headers().firstValue("Location").orElseThrow(), cookie(r, "cap_session"));
  }

  /** The whole journey as a browser makes it, the person signing in at the provider. */
  private Callback signIn() throws Exception {
    Started s = startSignIn();
    return callback(s.state(), provider.authorise(s.providerUrl()), s.stateCookie());
  }

  private HttpResponse<String> get(String path, String cookie) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).GET();
    if (cookie != null) b.header("Cookie", cookie);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String cookie(HttpResponse<String> r, String name) {
    return r.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith(name + "="))
        .map(c -> c.substring(name.length() + 1, c.indexOf(';')))
        .filter(v -> !v.isEmpty())
        .findFirst()
        .orElse(null);
  }

  private JsonNode session(String sessionCookie) throws Exception {
    HttpResponse<String> r = get("/api/session", "cap_session=" + sessionCookie);
    return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
  }

  private StaffMember staff(String username) {
    return server.server().repositories().staff().findByUsername(username).orElseThrow();
  }

  @Test
  void anAdvisorFromTheAdvisorsGroupIsCreatedSignedInAndSentToTheConsole() throws Exception {
    start();
    Callback done = signIn();

    assertThat(done.location()).isEqualTo("/console.html");
    JsonNode s = session(done.sessionCookie());
    assertThat(s.path("user").path("username").asText()).isEqualTo("pat");
    assertThat(s.path("user").path("displayName").asText()).isEqualTo("Pat Council");
    assertThat(s.path("user").path("role").asText()).isEqualTo("ADVISOR");
    var audit = server.server().repositories().audit();
    assertThat(audit.latest("staff.signed_in", 1).get(0).detail()).isEqualTo("by oidc");
    assertThat(audit.latest("staff.created", 1).get(0).subject()).isEqualTo("staff:pat");
    // Nobody can sign in as them with a password: none was ever given out.
    assertThat(server.server().repositories().staff().authenticate("pat", "")).isEmpty();
  }

  @Test
  void aStateThisBrowserDidNotStartIsRefused() throws Exception {
    start();
    Started mine = startSignIn();
    String code = provider.authorise(mine.providerUrl());

    assertThat(callback("forged-state", code, mine.stateCookie()).location())
        .isEqualTo("/index.html?oidc=state");
    // A link someone was sent, with their state but not their cookie.
    assertThat(callback(mine.state(), code, null).location()).isEqualTo("/index.html?oidc=state");
    assertThat(server.server().repositories().audit().latest("staff.sign_in_refused", 1))
        .first()
        .satisfies(e -> assertThat(e.detail()).startsWith("council sign-in: state"));
  }

  @Test
  void aCallbackReplayedWithItsCookieIsRefusedTheSecondTime() throws Exception {
    start();
    Started s = startSignIn();
    String code = provider.authorise(s.providerUrl());
    assertThat(callback(s.state(), code, s.stateCookie()).location()).isEqualTo("/console.html");

    Callback again = callback(s.state(), code, s.stateCookie());

    assertThat(again.location()).isEqualTo("/index.html?oidc=state");
    assertThat(again.sessionCookie()).isNull();
  }

  @Test
  void aSignInStartedTooLongAgoIsRefused() throws Exception {
    FakeClock clock = FakeClock.stopped();
    start(clock, UnaryOperator.identity());
    Started s = startSignIn();
    String code = provider.authorise(s.providerUrl());

    clock.advance(Duration.ofMinutes(10).plusSeconds(1));

    assertThat(callback(s.state(), code, s.stateCookie()).location())
        .isEqualTo("/index.html?oidc=expired");
  }

  @Test
  void aTokenWithAnotherNonceIsRefused() throws Exception {
    start();
    provider.tweak = c -> c.claim("nonce", "someone-elses");
    assertThat(signIn().location()).isEqualTo("/index.html?oidc=token");
  }

  @Test
  void aTokenForAnotherClientOrFromAnotherIssuerIsRefused() throws Exception {
    start();
    provider.tweak = c -> c.audience("another-app");
    assertThat(signIn().location()).isEqualTo("/index.html?oidc=token");
    provider.tweak = c -> c.issuer("https://elsewhere.example");
    assertThat(signIn().location()).isEqualTo("/index.html?oidc=token");
    provider.tweak = UnaryOperator.identity();
    assertThat(signIn().location()).isEqualTo("/console.html");
  }

  @Test
  void anExpiredTokenIsRefusedByTheServersClock() throws Exception {
    FakeClock clock = FakeClock.running();
    start(clock, UnaryOperator.identity());
    Instant now = clock.now();
    provider.tweak =
        c ->
            c.issueTime(Date.from(now.minus(Duration.ofMinutes(20))))
                .expirationTime(Date.from(now.minus(Duration.ofMinutes(10))));
    assertThat(signIn().location()).isEqualTo("/index.html?oidc=token");
  }

  @Test
  void aTokenSignedWithAKeyTheProviderDoesNotPublishIsRefused() throws Exception {
    start();
    provider.signWithStrangerKey = true;
    assertThat(signIn().location()).isEqualTo("/index.html?oidc=token");
  }

  @Test
  void someoneInNoMappedGroupIsRefusedAndNoAccountIsMade() throws Exception {
    start();
    provider.groups = List.of("finance", "everyone");

    assertThat(signIn().location()).isEqualTo("/index.html?oidc=no_group");
    assertThat(server.server().repositories().staff().findByUsername("pat")).isEmpty();
  }

  @Test
  void someoneInSeveralMappedGroupsGetsTheMostSeniorRole() throws Exception {
    start();
    provider.groups = List.of("cap-advisors", "cap-technicians", "cap-supervisors");

    Callback done = signIn();

    assertThat(done.location()).isEqualTo("/console.html");
    assertThat(session(done.sessionCookie()).path("user").path("role").asText())
        .isEqualTo("SUPERVISOR");
  }

  @Test
  void aLaterSignInTakesTheRoleAndNameTheCouncilNowGivesAndEndsTheOldSessions() throws Exception {
    start();
    Callback first = signIn();
    assertThat(staff("pat").role()).isEqualTo(Role.ADVISOR);

    provider.groups = List.of("cap-technicians");
    provider.name = "Pat Renamed";
    provider.username = "pat.renamed";
    Callback second = signIn();

    assertThat(second.location()).isEqualTo("/fleet.html");
    StaffMember pat = staff("pat");
    assertThat(pat.role()).isEqualTo(Role.TECHNICIAN);
    assertThat(pat.displayName()).isEqualTo("Pat Renamed");
    assertThat(session(first.sessionCookie())).as("the advisor's session").isNull();
    assertThat(session(second.sessionCookie()).path("user").path("role").asText())
        .isEqualTo("TECHNICIAN");
  }

  @Test
  void anAccountTurnedOffHereIsRefusedWhateverTheCouncilSays() throws Exception {
    start();
    signIn();
    var staff = server.server().repositories().staff();
    staff.setDisabled(staff("pat").id(), true);

    assertThat(signIn().location()).isEqualTo("/index.html?oidc=disabled");
  }

  @Test
  void anAccountAnAdministratorMadeBecomesTheCouncilPersonsOnTheirFirstSignIn() throws Exception {
    start();
    server.staff("pat", Role.ADVISOR, Set.of("housing"));
    String id = staff("pat").id();

    Callback done = signIn();

    assertThat(done.location()).isEqualTo("/console.html");
    assertThat(staff("pat").id()).isEqualTo(id);
    assertThat(staff("pat").themes()).containsExactly("housing");

    // Another council identity with the same username, in any case, is not let in as them.
    provider.username = "Pat";
    provider.subject = "subject-2";
    assertThat(signIn().location()).isEqualTo("/index.html?oidc=taken");
  }

  @Test
  void aDirectoryUsernameInCapitalsFindsTheAccountAnAdministratorMadeInLowerCase()
      throws Exception {
    start();
    server.staff("sam.jones@council.example", Role.ADVISOR, Set.of("housing"));
    String id = staff("sam.jones@council.example").id();
    provider.username = "Sam.Jones@Council.example";

    Callback done = signIn();

    assertThat(done.location()).isEqualTo("/console.html");
    assertThat(session(done.sessionCookie()).path("user").path("id").asText()).isEqualTo(id);
  }

  @Test
  void aCouncilAccountHasNoPasswordHereSoLeavingTheCouncilsGroupKeepsThemOut() throws Exception {
    start();
    server.staff("root", Role.ADMIN, Set.of());
    Api admin = server.signIn("root");
    server.staff("pat", Role.ADVISOR, Set.of("housing"));
    String id = staff("pat").id();
    // A link made while pat still had a password here, before their first council sign-in.
    String oldLink =
        admin
            .post("/api/staff/" + id + "/password-link", Map.of("reason", "Forgot it"))
            .body()
            .at("/passwordLink/path")
            .asText();
    String token = oldLink.substring(oldLink.indexOf("token=") + "token=".length());

    assertThat(signIn().location()).isEqualTo("/console.html");

    assertThat(new Api(server.url()).signIn("pat", TestServer.PASSWORD).status()).isEqualTo(401);
    Api.Response stale = new Api(server.url()).post("/api/password/check", Map.of("token", token));
    assertThat(stale.status()).isEqualTo(400);
    assertThat(stale.body().path("error").asText())
        .contains("You sign in with your council account");
    Api.Response link =
        admin.post("/api/staff/" + id + "/password-link", Map.of("reason", "Left the group"));
    assertThat(link.status()).isEqualTo(409);
    assertThat(link.body().path("error").asText())
        .isEqualTo(
            "Pat Council signs in with their council account, so they cannot have a password here.");
    assertThat(admin.get("/api/staff/" + id).body().at("/member/councilSignIn").asBoolean())
        .isTrue();
  }

  @Test
  void anAdministratorAddsSomeoneWhoWillSignInWithTheirCouncilAccountAndNoLinkIsMade()
      throws Exception {
    start();
    server.staff("root", Role.ADMIN, Set.of());
    Api admin = server.signIn("root");
    Map<String, Object> body = new HashMap<>();
    body.put("username", "pat");
    body.put("displayName", "Pat Council");
    body.put("role", "ADVISOR");
    body.put("themes", List.of());
    body.put("sites", List.of());
    body.put("languages", List.of("pl"));
    body.put("signIn", "council");
    body.put("reason", "Joined the team");

    Api.Response added = admin.post("/api/staff", body);

    assertThat(added.status()).isEqualTo(201);
    assertThat(added.body().path("passwordLink").isNull()).isTrue();
    assertThat(added.body().at("/member/councilSignIn").asBoolean()).isTrue();
    assertThat(admin.get("/api/staff").body().at("/options/councilSignIn").asBoolean()).isTrue();
    Callback done = signIn();
    assertThat(session(done.sessionCookie()).at("/user/id").asText())
        .isEqualTo(added.body().at("/member/id").asText());
    assertThat(session(done.sessionCookie()).at("/user/languages/0").asText()).isEqualTo("pl");
  }

  @Test
  void aTurnedOffAccountIsNeitherLinkedNorSignedIn() throws Exception {
    start();
    server.staff("pat", Role.ADVISOR, Set.of("housing"));
    var staff = server.server().repositories().staff();
    String id = staff("pat").id();
    staff.setDisabled(id, true);

    assertThat(signIn().location()).isEqualTo("/index.html?oidc=disabled");

    // Not linked by the refused sign-in: turned back on, it goes to whoever the council says.
    staff.setDisabled(id, false);
    provider.subject = "subject-2";
    assertThat(signIn().location()).isEqualTo("/console.html");
    assertThat(staff("pat").id()).isEqualTo(id);
  }

  @Test
  void anUnreachableProviderIsAPlainRefusalAndPasswordsStillWork() throws Exception {
    FakeClock clock = FakeClock.running();
    start(clock, UnaryOperator.identity());
    provider.close();
    server.staff("alex", Role.ADVISOR, Set.of("general"));

    HttpResponse<String> r = get("/auth/oidc/start", null);

    assertThat(r.headers().firstValue("Location")).hasValue("/index.html?oidc=provider");
    assertThat(
            new uk.gov.council.cap.server.testing.Api(server.url())
                .signIn("alex", TestServer.PASSWORD)
                .status())
        .isEqualTo(200);
    provider = null;
  }

  @Test
  void theSignInPageIsToldWhetherToOfferCouncilSignInAndPasswords() throws Exception {
    start(FakeClock.running(), o -> withoutPasswords(o));
    server.staff("alex", Role.ADVISOR, Set.of("general"));

    JsonNode about = JSON.readTree(get("/api/oidc", null).body());
    assertThat(about.path("enabled").asBoolean()).isTrue();
    assertThat(about.path("label").asText()).isEqualTo("Sign in with your council account");
    assertThat(about.path("localPasswords").asBoolean()).isFalse();
    assertThat(
            new uk.gov.council.cap.server.testing.Api(server.url())
                .signIn("alex", TestServer.PASSWORD)
                .status())
        .isEqualTo(403);
  }

  private static ServerConfig.Oidc withoutPasswords(ServerConfig.Oidc o) {
    return new ServerConfig.Oidc(
        o.issuer(),
        o.clientId(),
        o.clientSecret(),
        o.redirectUri(),
        o.groupsClaim(),
        o.roleGroups(),
        o.newStaffThemes(),
        o.buttonLabel(),
        false,
        o.pendingFor(),
        o.providerTimeout());
  }
}
