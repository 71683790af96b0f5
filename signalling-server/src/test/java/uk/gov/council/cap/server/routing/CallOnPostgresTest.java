package uk.gov.council.cap.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.testing.Api;
import uk.gov.council.cap.server.testing.TestServer;
import uk.gov.council.cap.server.testing.WsClient;

/** The scale path: the whole server on PostgreSQL, a call from request to the case's history. */
class CallOnPostgresTest {

  @Test
  void aCallIsRecordedOnItsCaseWhenTheServerRunsOnPostgresql() {
    try (TestServer server = TestServer.onPostgres()) {
      var kiosk = server.kiosk("Kiosk", server.openSite("Library", List.of("general"), List.of()));
      server.staff("alex", Role.ADVISOR, Set.of("general"));
      Api api = server.signIn("alex");
      try (WsClient advisor = server.consoleSocket(api);
          WsClient k = server.kioskSocket(kiosk)) {
        advisor.becomeAvailable();
        k.send("call.request", Map.of());
        JsonNode offer = advisor.await("call.offer");
        advisor.send("call.accept", Map.of("callId", offer.path("callId").asText()));
        k.await("call.connected");
        k.send("call.hangup", Map.of("callId", offer.path("callId").asText()));
        assertThat(advisor.await("call.ended").path("reason").asText()).isEqualTo("hangup_kiosk");
        assertThat(
                api.post(
                        "/api/calls/" + offer.path("callId").asText() + "/outcome",
                        Map.of("outcome", "RESOLVED", "notes", ""))
                    .status())
            .isEqualTo(200);
        JsonNode contact =
            api.get("/api/cases/" + offer.path("caseId").asText()).body().path("contacts").get(0);
        assertThat(contact.path("endReason").asText()).isEqualTo("hangup_kiosk");
        assertThat(contact.path("outcome").asText()).isEqualTo("RESOLVED");
      }
    }
  }
}
