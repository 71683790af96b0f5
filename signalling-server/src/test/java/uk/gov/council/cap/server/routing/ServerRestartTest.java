package uk.gov.council.cap.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.testing.Api;
import uk.gov.council.cap.server.testing.TestServer;
import uk.gov.council.cap.server.testing.WsClient;

/** A server restart while residents wait: kiosks re-queue on the same case, in the same order. */
class ServerRestartTest {
  private final TestServer server = new TestServer();

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void queuedResidentsResumeTheirCallsAndNoCaseIsLost() {
    var site = server.openSite("Library", List.of("general"), List.of());
    KioskRepository.Enrolled first = server.kiosk("First", site);
    KioskRepository.Enrolled second = server.kiosk("Second", site);
    server.staff("alex", Role.ADVISOR, Set.of("general"));
    String firstCall;
    String secondCall;
    try (WsClient advisor = server.consoleSocket(server.signIn("alex"));
        WsClient k1 = server.kioskSocket(first);
        WsClient k2 = server.kioskSocket(second)) {
      advisor.await("advisor.state");
      k1.send("call.request", Map.of());
      firstCall = k1.await("call.queued").path("callId").asText();
      k2.send("call.request", Map.of());
      secondCall = k2.await("call.queued").path("callId").asText();
    }
    server.restart();

    Api api = server.signIn("alex");
    try (WsClient advisor = server.consoleSocket(api);
        WsClient k2 = server.kioskSocket(second);
        WsClient k1 = server.kioskSocket(first)) {
      advisor.await("advisor.state");
      // The second kiosk happens to reconnect first, but the first resident keeps first place.
      k2.send("call.request", Map.of("resumeCallId", secondCall));
      assertThat(k2.await("call.queued").path("callId").asText()).isEqualTo(secondCall);
      k1.send("call.request", Map.of("resumeCallId", firstCall));
      JsonNode q1 = k1.await("call.queued");
      assertThat(q1.path("callId").asText()).isEqualTo(firstCall);
      assertThat(q1.path("position").asInt()).isEqualTo(1);

      advisor.becomeAvailable();
      JsonNode offer = advisor.await("call.offer");
      assertThat(offer.path("callId").asText()).isEqualTo(firstCall);
      JsonNode theCase = api.get("/api/cases/" + offer.path("caseId").asText()).body();
      assertThat(theCase.path("contacts")).hasSize(1);
      assertThat(theCase.path("contacts").get(0).path("callId").asText()).isEqualTo(firstCall);
    }
  }

  @Test
  void aCallConnectedWhenTheServerStoppedIsRecordedAsEndedByTheRestart() {
    var site = server.openSite("Library", List.of("general"), List.of());
    KioskRepository.Enrolled kiosk = server.kiosk("Kiosk", site);
    server.staff("alex", Role.ADVISOR, Set.of("general"));
    String caseId;
    java.time.Instant stoppedAt;
    try (WsClient advisor = server.consoleSocket(server.signIn("alex"));
        WsClient k = server.kioskSocket(kiosk)) {
      advisor.becomeAvailable();
      k.send("call.request", Map.of());
      JsonNode offer = advisor.await("call.offer");
      caseId = offer.path("caseId").asText();
      advisor.send("call.accept", Map.of("callId", offer.path("callId").asText()));
      k.await("call.connected");
      server.server().close();
      // Read once the server has stopped: its desk stamps live calls on every tick until then (a
      // stamp taken between a reading before close() and the close itself once failed this test).
      stoppedAt = server.clock().now();
    }
    server.restart();
    JsonNode contact =
        server.signIn("alex").get("/api/cases/" + caseId).body().path("contacts").get(0);
    assertThat(contact.path("state").asText()).isEqualTo("ENDED");
    assertThat(contact.path("endReason").asText()).isEqualTo("server_restart");
    // Its end is the last moment it was known alive, before the server stopped: never the restart
    // time.
    assertThat(java.time.Instant.parse(contact.path("endedAt").asText()))
        .isBeforeOrEqualTo(stoppedAt);
  }
}
