package uk.gov.council.cap.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.testing.Api;
import uk.gov.council.cap.server.testing.TestServer;
import uk.gov.council.cap.server.testing.WsClient;

/** Either side's connection dropping mid-call ends the call cleanly and the case records it. */
class DisconnectTest {
  private final TestServer server = new TestServer();
  private KioskRepository.Enrolled kiosk;
  private Api api;

  @BeforeEach
  void setUp() {
    kiosk = server.kiosk("Kiosk", server.openSite("Library", List.of("general"), List.of()));
    server.staff("alex", Role.ADVISOR, Set.of("general"));
    api = server.signIn("alex");
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private String connect(WsClient advisor, WsClient k) {
    advisor.becomeAvailable();
    k.send("call.request", Map.of());
    JsonNode offer = advisor.await("call.offer");
    advisor.send("call.accept", Map.of("callId", offer.path("callId").asText()));
    advisor.await("call.connected");
    k.await("call.connected");
    return offer.path("caseId").asText();
  }

  @Test
  void theKioskDroppingMidCallEndsTheCallForTheAdvisor() {
    try (WsClient advisor = server.consoleSocket(api)) {
      WsClient k = server.kioskSocket(kiosk);
      String caseId = connect(advisor, k);
      k.drop();
      assertThat(advisor.await("call.ended").path("reason").asText())
          .isEqualTo("kiosk_disconnected");
      JsonNode contact = api.get("/api/cases/" + caseId).body().path("contacts").get(0);
      assertThat(contact.path("state").asText()).isEqualTo("ENDED");
      assertThat(contact.path("endReason").asText()).isEqualTo("kiosk_disconnected");
      assertThat(contact.path("durationSeconds").isNumber()).isTrue();
    }
  }

  @Test
  void theAdvisorDroppingMidCallSendsTheKioskBackToItsStart() {
    try (WsClient k = server.kioskSocket(kiosk)) {
      WsClient advisor = server.consoleSocket(api);
      String caseId = connect(advisor, k);
      advisor.drop();
      assertThat(k.await("call.ended").path("reason").asText()).isEqualTo("advisor_disconnected");
      JsonNode contact = api.get("/api/cases/" + caseId).body().path("contacts").get(0);
      assertThat(contact.path("endReason").asText()).isEqualTo("advisor_disconnected");
    }
  }

  @Test
  void aKioskThatDropsWhileQueuedKeepsItsPlaceWhenItComesBack() {
    try (WsClient advisor = server.consoleSocket(api)) {
      advisor.await("advisor.state");
      WsClient k = server.kioskSocket(kiosk);
      k.send("call.request", Map.of());
      JsonNode queued = k.await("call.queued");
      k.drop();
      try (WsClient again = server.kioskSocket(kiosk)) {
        again.await("kiosk.config");
        again.send("call.request", Map.of("resumeCallId", queued.path("callId").asText()));
        assertThat(again.await("call.queued").path("callId").asText())
            .isEqualTo(queued.path("callId").asText());
      }
    }
  }

  @Test
  void whenTheLastAdvisorSignsOutWaitingResidentsAreToldAndGivenThePhoneNumber() {
    WsClient advisor = server.consoleSocket(api);
    advisor.await("advisor.state");
    try (WsClient k = server.kioskSocket(kiosk)) {
      k.send("call.request", Map.of());
      String callId = k.await("call.queued").path("callId").asText();
      advisor.close();
      JsonNode unavailable = k.await("call.unavailable");
      assertThat(unavailable.path("reason").asText()).isEqualTo("no_advisors");
      assertThat(unavailable.path("phone").asText()).isEqualTo("01632 960 001");
      assertThat(
              k.seen().stream()
                  .anyMatch(
                      m ->
                          m.path("type").asText().equals("call.ended")
                              && m.path("payload").path("callId").asText().equals(callId)))
          .isTrue();
    }
  }
}
