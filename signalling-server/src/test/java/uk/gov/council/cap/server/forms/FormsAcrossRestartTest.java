package uk.gov.council.cap.server.forms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.council.cap.server.db.Database;
import uk.gov.council.cap.server.forms.FormSession.Status;
import uk.gov.council.cap.server.testing.Await;
import uk.gov.council.cap.server.testing.ConnectedCall;
import uk.gov.council.cap.server.testing.FakeClock;
import uk.gov.council.cap.server.testing.TestServer;

/**
 * The form's signing state is saved: a server that stops mid-seal seals the form when it starts.
 */
class FormsAcrossRestartTest {
  @TempDir Path dataDir;

  @Test
  void aFormBeingSealedWhenTheServerStoppedIsSealedOnTheCaseWhenItStartsAgain() {
    String sessionId;
    String caseId;
    // The server stops while the call is live, as in a crash: closing the call's sockets first
    // would
    // let the desk end the call (and pause the form) before the server stopped, on a slow machine.
    TestServer server = new TestServer(dataDir);
    ConnectedCall call = ConnectedCall.start(server, "alex");
    try {
      caseId = call.caseId();
      sessionId =
          call.advisorApi()
              .post(
                  "/api/calls/" + call.callId() + "/forms", Map.of("formId", "library-membership"))
              .body()
              .path("id")
              .asText();
      call.kioskSocket().await("form.opened");
      Map<String, String> answers = new LinkedHashMap<>();
      answers.put("fullName", "Ann Lee");
      answers.put("dateOfBirth", "1990-01-02");
      answers.put("address", "1 High St");
      answers.put("postcode", "LU5 4PP");
      answers.put("reminders", "post");
      answers.forEach(
          (field, value) -> {
            call.kioskSocket()
                .send(
                    "form.answer",
                    Map.of("sessionId", sessionId, "field", field, "value", value, "final", true));
            call.kioskSocket()
                .await(
                    "form.updated",
                    p -> p.path("field").asText().equals(field) && p.path("final").asBoolean());
          });
    } finally {
      server.close();
      call.close();
    }
    // As the server left it had it stopped after the resident signed, before the record was stored.
    try (Database db = Database.open("", "", "", dataDir)) {
      FormSessionRepository sessions = new FormSessionRepository(db.jdbi());
      db.jdbi()
          .useTransaction(
              h -> {
                assertThat(
                        sessions.transition(
                            h, sessionId, Status.OPEN, Status.SIGNING, FakeClock.START))
                    .isTrue();
                sessions.recordSignature(
                    h,
                    sessionId,
                    new FormSessionRepository.Signature(
                        signature(sessionId), FakeClock.START, "kiosk:k"));
              });
    }

    try (TestServer again = new TestServer(dataDir)) {
      var api = again.signIn("alex");
      JsonNode form =
          Await.until(
              "the form to be sealed after the restart",
              () -> api.get("/api/cases/" + caseId + "/forms").body().get(0),
              f -> f.path("status").asText().equals("COMPLETED"));
      JsonNode documents = api.get("/api/cases/" + caseId + "/documents").body();
      assertThat(documents).hasSize(2);
      assertThat(documents.get(0).path("kind").asText()).isEqualTo("form");
      assertThat(documents.toString()).contains(form.path("documentId").asText());
    }
  }

  private static String signature(String sessionId) {
    List<List<Map<String, Object>>> strokes = new ArrayList<>();
    List<Map<String, Object>> points = new ArrayList<>();
    for (int i = 0; i < 20; i++)
      points.add(Map.of("x", 20 + i * 6, "y", 60 + (i % 5) * 12, "pressure", 0.5, "time", i * 16));
    strokes.add(points);
    return new ObjectMapper()
        .valueToTree(
            Map.of("sessionId", sessionId, "width", 600, "height", 200, "strokes", strokes))
        .toString();
  }
}
