package uk.gov.council.cap.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.sites.Site;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.testing.Api;
import uk.gov.council.cap.server.testing.TestServer;
import uk.gov.council.cap.server.testing.WsClient;

/**
 * A call from button press to recorded outcome, with Java WebSocket clients as kiosk and console.
 */
class CallLifecycleTest {
  private TestServer server;
  private KioskRepository.Enrolled kiosk;

  @BeforeEach
  void setUp() {
    server = new TestServer();
    Site site = server.openSite("Ampthill Library", List.of("general"), List.of());
    kiosk = server.kiosk("Ampthill kiosk", site);
    server.staff("alex", Role.ADVISOR, Set.of("general"));
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void aResidentIsQueuedOfferedAnsweredAndTheCaseRecordsTheWholeCall() {
    Api alexApi = server.signIn("alex");
    try (WsClient alex = server.consoleSocket(alexApi);
        WsClient k = server.kioskSocket(kiosk)) {
      assertThat(k.await("kiosk.config").path("siteName").asText()).isEqualTo("Ampthill Library");
      assertThat(alex.await("advisor.state").path("status").asText()).isEqualTo("AWAY");

      k.send("call.request", Map.of());
      JsonNode queued = k.await("call.queued");
      assertThat(queued.path("position").asInt()).isEqualTo(1);
      String callId = queued.path("callId").asText();

      // Away advisors are not offered calls; the queue shows the waiting resident.
      JsonNode snapshot = alex.await("queue.snapshot");
      while (snapshot.path("entries").isEmpty()) {
        snapshot = alex.await("queue.snapshot");
      }
      assertThat(snapshot.path("entries").get(0).path("kioskName").asText())
          .isEqualTo("Ampthill kiosk");
      assertThat(snapshot.path("entries").get(0).path("siteName").asText())
          .isEqualTo("Ampthill Library");

      alex.becomeAvailable();
      JsonNode offer = alex.await("call.offer");
      assertThat(offer.path("callId").asText()).isEqualTo(callId);
      String caseId = offer.path("caseId").asText();
      assertThat(offer.path("caseReference").asText()).matches("CAP-[0-9A-Z]{4}-[0-9A-Z]{4}");

      alex.send("call.accept", Map.of("callId", callId));
      JsonNode advisorSide = alex.await("call.connected");
      JsonNode kioskSide = k.await("call.connected");
      assertThat(advisorSide.path("role").asText()).isEqualTo("offerer");
      assertThat(kioskSide.path("role").asText()).isEqualTo("answerer");
      assertThat(kioskSide.path("advisorName").asText()).isEqualTo("Alex");
      assertThat(kioskSide.path("media").path("mode").asText()).isEqualTo("p2p");

      // Signalling is relayed unchanged both ways.
      alex.send(
          "rtc.signal",
          Map.of("callId", callId, "description", Map.of("type", "offer", "sdp", "v=0 offer")));
      assertThat(k.await("rtc.signal").path("description").path("sdp").asText())
          .isEqualTo("v=0 offer");
      k.send(
          "rtc.signal",
          Map.of("callId", callId, "description", Map.of("type", "answer", "sdp", "v=0 answer")));
      assertThat(alex.await("rtc.signal").path("description").path("type").asText())
          .isEqualTo("answer");

      alex.send("call.hangup", Map.of("callId", callId));
      assertThat(k.await("call.ended").path("reason").asText()).isEqualTo("hangup_advisor");
      assertThat(alex.await("call.ended").path("reason").asText()).isEqualTo("hangup_advisor");
      // After-call work: the advisor is Busy in wrap-up until they save the outcome.
      JsonNode state = alex.await("advisor.state");
      while (!state.path("status").asText().equals("BUSY")) {
        state = alex.await("advisor.state");
      }

      Api.Response outcome =
          alexApi.post(
              "/api/calls/" + callId + "/outcome",
              Map.of("outcome", "REFERRED", "notes", "Referred to housing <b>team</b>"));
      assertThat(outcome.status()).isEqualTo(200);
      // Saved, so ready again (no wrap-up time by default): no status to choose (ADR 0044).
      while (!state.path("status").asText().equals("AVAILABLE")) {
        state = alex.await("advisor.state");
      }

      JsonNode theCase = alexApi.get("/api/cases/" + caseId).body();
      JsonNode contact = theCase.path("contacts").get(0);
      assertThat(contact.path("queuedAt").asText()).isNotEmpty();
      assertThat(contact.path("answeredAt").asText()).isNotEmpty();
      assertThat(contact.path("endedAt").asText()).isNotEmpty();
      assertThat(contact.path("waitSeconds").isNumber()).isTrue();
      assertThat(contact.path("durationSeconds").isNumber()).isTrue();
      assertThat(contact.path("advisor").asText()).isEqualTo("Alex Tester");
      assertThat(contact.path("kiosk").asText()).isEqualTo("Ampthill kiosk");
      assertThat(contact.path("site").asText()).isEqualTo("Ampthill Library");
      assertThat(contact.path("outcome").asText()).isEqualTo("REFERRED");
      assertThat(contact.path("notes").asText()).isEqualTo("Referred to housing <b>team</b>");
      assertThat(contact.path("endReason").asText()).isEqualTo("hangup_advisor");
      assertThat(theCase.path("timeline").findValuesAsText("kind"))
          .containsExactly("call.queued", "call.answered", "call.ended", "outcome.recorded");
    }
  }

  @Test
  void notReadyAfterTheOutcomeKeepsTheAdvisorAway() {
    Api alexApi = server.signIn("alex");
    try (WsClient alex = server.consoleSocket(alexApi);
        WsClient k = server.kioskSocket(kiosk)) {
      alex.await("advisor.state");
      alex.becomeAvailable();
      k.send("call.request", Map.of());
      String callId = alex.await("call.offer").path("callId").asText();
      alex.send("call.accept", Map.of("callId", callId));
      k.await("call.connected");
      alex.send("call.hangup", Map.of("callId", callId));
      alex.await("call.ended");

      Api.Response nonsense =
          alexApi.post(
              "/api/calls/" + callId + "/outcome", Map.of("outcome", "RESOLVED", "next", "later"));
      assertThat(nonsense.status()).isEqualTo(400);
      Api.Response saved =
          alexApi.post(
              "/api/calls/" + callId + "/outcome",
              Map.of("outcome", "RESOLVED", "next", "not_ready"));
      assertThat(saved.status()).isEqualTo(200);

      JsonNode state = alex.await("advisor.state");
      while (state.path("wrapUp").asBoolean()) {
        state = alex.await("advisor.state");
      }
      assertThat(state.path("status").asText()).isEqualTo("AWAY");
    }
  }

  @Test
  void aResidentWhoCancelsLeavesTheQueueAndTheCaseSaysSo() {
    Api alexApi = server.signIn("alex");
    try (WsClient alex = server.consoleSocket(alexApi);
        WsClient k = server.kioskSocket(kiosk)) {
      alex.await("advisor.state");
      k.send("call.request", Map.of());
      String callId = k.await("call.queued").path("callId").asText();
      k.send("call.cancel", Map.of("callId", callId));
      assertThat(k.await("call.ended").path("reason").asText()).isEqualTo("cancelled");

      JsonNode queue = alexApi.get("/api/queue").body();
      assertThat(queue.path("entries")).isEmpty();
      JsonNode contact = caseOfCall(alexApi, callId).path("contacts").get(0);
      assertThat(contact.path("endReason").asText()).isEqualTo("cancelled");
      assertThat(contact.path("answeredAt").isNull()).isTrue();
    }
  }

  @Test
  void anOfferNotAcceptedInTimeGoesBackToTheQueueAndTheAdvisorIsSetAway() {
    Api alexApi = server.signIn("alex");
    try (WsClient alex = server.consoleSocket(alexApi);
        WsClient k = server.kioskSocket(kiosk)) {
      alex.becomeAvailable();
      k.send("call.request", Map.of());
      String callId = alex.await("call.offer").path("callId").asText();
      JsonNode withdrawn = alex.await("call.offer_withdrawn", Duration.ofSeconds(10));
      assertThat(withdrawn.path("reason").asText()).isEqualTo("expired");
      JsonNode state = alex.await("advisor.state");
      while (!state.path("status").asText().equals("AWAY")) {
        state = alex.await("advisor.state");
      }
      // The resident is still waiting, and is offered again when the advisor comes back.
      alex.becomeAvailable();
      assertThat(alex.await("call.offer").path("callId").asText()).isEqualTo(callId);
    }
  }

  private static JsonNode caseOfCall(Api api, String callId) {
    for (JsonNode c : api.get("/api/cases?recent=true").body().path("cases")) {
      JsonNode full = api.get("/api/cases/" + c.path("id").asText()).body();
      for (JsonNode contact : full.path("contacts")) {
        if (contact.path("callId").asText().equals(callId)) {
          return full;
        }
      }
    }
    throw new AssertionError("No case holds call " + callId);
  }
}
