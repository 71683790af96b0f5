package uk.gov.council.cap.server.signalling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.sites.Site;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.SessionEnd;
import uk.gov.council.cap.server.staff.StaffRepository;
import uk.gov.council.cap.server.testing.Api;
import uk.gov.council.cap.server.testing.FakeClock;
import uk.gov.council.cap.server.testing.TestServer;
import uk.gov.council.cap.server.testing.WsClient;

/**
 * An open console ends with its sign-in session, whatever ends it: the socket is closed with the
 * "sign in again" code and a sentence the console shows, and the call desk stops offering that
 * person calls.
 */
class SessionsEndTest {
  private TestServer server;

  @AfterEach
  void tearDown() {
    server.close();
  }

  /**
   * The periodic check set so far off that only the immediate path can close a socket within a
   * test.
   */
  private static UnaryOperator<ServerConfig> checkEvery(Duration every) {
    return c -> c.withSignIn(c.signIn().withSessionCheckEvery(every));
  }

  @Test
  void signingOutClosesTheConsoleSocketAtOnceAndTheNextCallGoesToSomeoneElse() {
    server = new TestServer(FakeClock.running(), checkEvery(Duration.ofHours(1)));
    Site site = server.openSite("Ampthill Library", List.of("general"), List.of());
    KioskRepository.Enrolled kiosk = server.kiosk("Ampthill kiosk", site);
    server.staff("alex", Role.ADVISOR, Set.of("general"));
    server.staff("sue", Role.SUPERVISOR, Set.of("general"));
    Api alexApi = server.signIn("alex");
    WsClient alex = server.consoleSocket(alexApi);
    alex.becomeAvailable();
    WsClient sue = server.consoleSocket(server.signIn("sue"));
    sue.becomeAvailable();

    assertThat(alexApi.send("DELETE", "/api/session", null).status()).isEqualTo(204);

    assertThat(alex.awaitClose(Duration.ofSeconds(5))).isEqualTo(SessionEnd.CLOSE_CODE);
    assertThat(alex.closeReason()).isEqualTo("Your session has ended. Sign in again.");
    WsClient k = server.kioskSocket(kiosk);
    k.await("kiosk.config");
    k.send("call.request", Map.of());
    String callId = k.await("call.queued").path("callId").asText();
    assertThat(sue.await("call.offer").path("callId").asText()).isEqualTo(callId);
    assertThat(alex.seen()).noneMatch(m -> m.path("type").asText().equals("call.offer"));
    assertThat(sue.isOpen()).isTrue();
    // The signed-out cookie is refused by the API too.
    assertThat(alexApi.get("/api/cases?recent=true").status()).isEqualTo(401);
    k.close();
    sue.close();
  }

  @Test
  void aSessionThatExpiresClosesItsSocketWithoutAnyoneSigningOut() {
    // The clock jumps past the session's lifetime, so to the liveness sweep the socket has also
    // been silent that long: it would abort the connection if it looked first (a race a loaded
    // machine lost once). A silence limit longer than the jump leaves the session to end it, which
    // is what this test is about; a real socket answers pings all along.
    server =
        new TestServer(
            FakeClock.running(),
            c ->
                checkEvery(Duration.ofMillis(100))
                    .apply(c)
                    .withCallHold(
                        new ServerConfig.CallHold(
                            c.callHold().pingEvery(),
                            c.sessionLifetime().multipliedBy(2),
                            c.callHold().resumeGrace(),
                            c.callHold().aliveEvery())));
    server.staff("alex", Role.ADVISOR, Set.of("general"));
    Api alexApi = server.signIn("alex");
    WsClient alex = server.consoleSocket(alexApi);
    alex.becomeAvailable();

    server.clock().advance(server.server().config().sessionLifetime().plusMinutes(1));

    assertThat(alex.awaitClose(Duration.ofSeconds(10))).isEqualTo(SessionEnd.CLOSE_CODE);
    assertThat(alex.closeReason()).isEqualTo("Your session has expired. Sign in again.");
    assertThat(alexApi.get("/api/session").status()).isEqualTo(401);
  }

  @Test
  void turningAnAccountOffClosesThatPersonsSocketsAtOnce() {
    server = new TestServer(FakeClock.running(), checkEvery(Duration.ofHours(1)));
    server.staff("alex", Role.ADVISOR, Set.of("general"));
    server.staff("sue", Role.SUPERVISOR, Set.of("general"));
    Api alexApi = server.signIn("alex");
    WsClient alex = server.consoleSocket(alexApi);
    alex.becomeAvailable();
    WsClient sue = server.consoleSocket(server.signIn("sue"));
    sue.becomeAvailable();
    StaffRepository staff = server.server().repositories().staff();

    assertThat(staff.setDisabled(staff.findByUsername("alex").orElseThrow().id(), true)).isTrue();

    assertThat(alex.awaitClose(Duration.ofSeconds(5))).isEqualTo(SessionEnd.CLOSE_CODE);
    assertThat(alex.closeReason()).isEqualTo(SessionEnd.DISABLED.reason());
    assertThat(alexApi.get("/api/session").status()).isEqualTo(401);
    assertThat(new Api(server.url()).signIn("alex", TestServer.PASSWORD).status()).isEqualTo(401);
    // Someone else's console is untouched.
    sue.send("advisor.status", Map.of("status", "AWAY"));
    sue.await("advisor.state", p -> p.path("status").asText().equals("AWAY"));
    sue.close();
  }

  @Test
  void aNewRoleClosesTheSocketOpenedUnderTheOldOne() {
    server = new TestServer(FakeClock.running(), checkEvery(Duration.ofHours(1)));
    server.staff("alex", Role.ADVISOR, Set.of("general"));
    Api alexApi = server.signIn("alex");
    WsClient alex = server.consoleSocket(alexApi);
    alex.becomeAvailable();
    StaffRepository staff = server.server().repositories().staff();

    assertThat(staff.changeRole(staff.findByUsername("alex").orElseThrow().id(), Role.TECHNICIAN))
        .isTrue();

    assertThat(alex.awaitClose(Duration.ofSeconds(5))).isEqualTo(SessionEnd.CLOSE_CODE);
    assertThat(alex.closeReason()).isEqualTo(SessionEnd.ROLE_CHANGED.reason());
    assertThat(alexApi.get("/api/session").status()).isEqualTo(401);
    // Signing in again gives the new role.
    assertThat(server.signIn("alex").get("/api/session").body().path("user").path("role").asText())
        .isEqualTo("TECHNICIAN");
  }
}
