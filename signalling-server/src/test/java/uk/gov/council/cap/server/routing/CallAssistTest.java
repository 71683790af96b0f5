package uk.gov.council.cap.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.testing.ConnectedCall;
import uk.gov.council.cap.server.testing.TestServer;

/** The resident uses the kiosk's Listen: the advisor is told, and the case records it once. */
class CallAssistTest {
  private TestServer server;
  private ConnectedCall call;

  @BeforeEach
  void setUp() {
    server = new TestServer(c -> c);
    call = ConnectedCall.start(server, "alex");
  }

  @AfterEach
  void tearDown() {
    call.close();
    server.close();
  }

  @Test
  void theAdvisorIsToldTheResidentUsesSpeechAndTheCaseSaysSoOnce() {
    call.kioskSocket().send("call.assist", Map.of("callId", call.callId(), "speech", true));
    JsonNode told = call.advisor().await("call.assist");
    assertThat(told.path("speech").asBoolean()).isTrue();
    assertThat(told.path("party").asText()).isEqualTo("kiosk");

    // Told again (a resumed call), the advisor hears it again; the case does not.
    call.kioskSocket().send("call.assist", Map.of("callId", call.callId(), "speech", true));
    call.advisor().await("call.assist");

    List<String> assists = new ArrayList<>();
    call.advisorApi()
        .get("/api/cases/" + call.caseId())
        .body()
        .path("timeline")
        .forEach(
            t -> {
              if (t.path("kind").asText().equals("call.assist")) {
                assists.add(t.toString());
              }
            });
    assertThat(assists).hasSize(1);
    assertThat(assists.get(0)).contains("The resident used Listen");
  }

  @Test
  void onlyTheKioskInTheCallMaySayIt() {
    call.kioskSocket().send("call.assist", Map.of("callId", "someone-elses-call", "speech", true));
    assertThat(call.kioskSocket().await("error").path("code").asText()).isEqualTo("not_your_call");
    call.advisor().send("call.assist", Map.of("callId", call.callId(), "speech", true));
    assertThat(call.advisor().await("error").path("code").asText()).isEqualTo("forbidden");
  }
}
