package uk.gov.council.cap.server.forms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.testing.Api;
import uk.gov.council.cap.server.testing.Await;
import uk.gov.council.cap.server.testing.TestServer;
import uk.gov.council.cap.server.testing.WsClient;

/**
 * The scale path: a form filled, paused, resumed, signed and sealed with the server on PostgreSQL.
 */
class FormsOnPostgresTest {

  @Test
  void aFormIsSignedAndSealedOnPostgresqlAndASecondOneIsLeftAsADraft() {
    try (TestServer server = TestServer.onPostgres()) {
      var kiosk = server.kiosk("Kiosk", server.openSite("Library", List.of("general"), List.of()));
      server.staff("alex", Role.ADVISOR, Set.of("general"));
      Api api = server.signIn("alex");
      try (WsClient advisor = server.consoleSocket(api);
          WsClient k = server.kioskSocket(kiosk)) {
        advisor.becomeAvailable();
        k.send("call.request", Map.of());
        JsonNode offer = advisor.await("call.offer");
        String callId = offer.path("callId").asText();
        String caseId = offer.path("caseId").asText();
        advisor.send("call.accept", Map.of("callId", callId));
        k.await("call.connected");

        String sessionId =
            api.post("/api/calls/" + callId + "/forms", Map.of("formId", "library-membership"))
                .body()
                .path("id")
                .asText();
        k.await("form.opened");
        assertThat(api.post("/api/form-sessions/" + sessionId + "/pause", Map.of()).status())
            .isEqualTo(200);
        assertThat(api.post("/api/form-sessions/" + sessionId + "/resume", Map.of()).status())
            .isEqualTo(200);
        Map<String, String> answers =
            Map.of(
                "fullName",
                "Ann Lee",
                "dateOfBirth",
                "1990-01-02",
                "address",
                "1 High St",
                "postcode",
                "LU5 4PP",
                "reminders",
                "post");
        answers.forEach((field, value) -> k.send("form.answer", answer(sessionId, field, value)));
        k.send(
            "form.sign",
            Map.of(
                "sessionId",
                sessionId,
                "width",
                300,
                "height",
                100,
                "strokes",
                List.of(
                    List.of(
                        Map.of("x", 10, "y", 10, "time", 1),
                        Map.of("x", 200, "y", 80, "time", 40)))));
        String documentId =
            k.await("form.completed", Duration.ofSeconds(30)).path("documentId").asText();
        assertThat(
                api.get("/api/documents/" + documentId + "/seal").body().path("intact").asBoolean())
            .isTrue();

        api.post("/api/calls/" + callId + "/forms", Map.of("formId", "blue-badge"));
        k.await("form.opened");
        k.send("call.hangup", Map.of("callId", callId));
        advisor.await("call.ended");
        JsonNode forms =
            Await.until(
                "the unfinished form to be paused",
                () -> api.get("/api/cases/" + caseId + "/forms").body(),
                all -> all.get(1).path("status").asText().equals("PAUSED"));
        assertThat(forms.get(0).path("status").asText()).isEqualTo("COMPLETED");
        assertThat(forms.get(1).path("status").asText()).isEqualTo("PAUSED");
      }
    }
  }

  private static Map<String, Object> answer(String sessionId, String field, String value) {
    Map<String, Object> m = new HashMap<>();
    m.put("sessionId", sessionId);
    m.put("field", field);
    m.put("value", value);
    m.put("final", true);
    return m;
  }
}
