package uk.gov.council.cap.server.survey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.testing.Api;
import uk.gov.council.cap.server.testing.Await;
import uk.gov.council.cap.server.testing.ConnectedCall;
import uk.gov.council.cap.server.testing.TestServer;

/**
 * The satisfaction survey end to end over real sockets: the call ends, the kiosk is asked, the
 * resident answers, and a supervisor (not the advisor) reads the net score on the case and in the
 * export.
 */
class SurveyAfterCallTest {
  private TestServer server;
  private ConnectedCall call;

  @BeforeEach
  void aConnectedCall() {
    server = new TestServer();
    call = ConnectedCall.start(server, "alex");
    server.staff("sam", Role.SUPERVISOR, Set.of("general"));
  }

  @AfterEach
  void tearDown() {
    call.close();
    server.close();
  }

  @Test
  void theResidentRatesTheVisitAndTheSupervisorSeesTheNetScoreOnTheCaseAndInTheExport() {
    call.advisor().send("call.hangup", Map.of("callId", call.callId()));
    call.kioskSocket().await("call.ended");
    JsonNode ask = call.kioskSocket().await("survey.ask");
    assertThat(ask.path("callId").asText()).isEqualTo(call.callId());
    assertThat(ask.path("answerWithinSeconds").asInt()).isPositive();

    call.kioskSocket()
        .send(
            "survey.answer",
            Map.of("callId", call.callId(), "rating", "GOOD", "reason", "HELPFUL"));

    Api sam = server.signIn("sam");
    String path = "/api/cases/" + call.caseId() + "/survey";
    Await.until("the answer is kept", () -> sam.get(path).body().path("answers").size() == 1);
    JsonNode seen = sam.get(path).body();
    assertThat(seen.path("answers").get(0).path("ratingText").asText()).isEqualTo("Good");
    assertThat(seen.path("answers").get(0).path("reasonText").asText())
        .isEqualTo("The advisor was helpful");
    assertThat(seen.path("score").path("netScoreText").asText()).isEqualTo("+100");

    // The rating is about the advisor's work: the advisor reads the case, not the rating.
    assertThat(call.advisorApi().get(path).status()).isEqualTo(403);
    assertThat(call.advisorApi().get("/api/cases/" + call.caseId()).body().toString())
        .contains("The resident answered the satisfaction survey");

    String csv = new String(sam.download("/api/surveys/export.csv").body(), StandardCharsets.UTF_8);
    assertThat(csv)
        .contains("Net score (good minus poor over answers),+100")
        .contains("Ampthill kiosk,Good,The advisor was helpful");
    assertThat(call.advisorApi().get("/api/surveys/export.csv").status()).isEqualTo(403);
    assertThat(sam.get("/api/surveys/export.csv?from=30-11-2026").status()).isEqualTo(400);
  }

  @Test
  void aKioskNotJustOutOfACallCannotAnswer() {
    // In the call, the survey is not open yet: the kiosk is told plainly, nothing is stored.
    call.kioskSocket().send("survey.answer", Map.of("callId", call.callId(), "rating", "POOR"));
    JsonNode error = call.kioskSocket().await("error");
    assertThat(error.path("code").asText()).isEqualTo("not_your_call");
  }
}
