package uk.gov.council.cap.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.SessionEnd;
import uk.gov.council.cap.server.staff.StaffRepository;
import uk.gov.council.cap.server.testing.Api;
import uk.gov.council.cap.server.testing.ConnectedCall;
import uk.gov.council.cap.server.testing.TestServer;

/**
 * An advisor whose session ends in the middle of a call. One whose account is turned off, or who is
 * given another role, is not coming back: the resident is not told to wait for them, the call ends
 * at once as if the advisor had ended it, and the case says why. One who signs out may come back,
 * so their call is held as for a dropped connection (ADR 0027).
 */
class AdvisorLeavesCallTest {
  private TestServer server;
  private ConnectedCall call;
  private StaffRepository staff;

  @BeforeEach
  void setUp() {
    // The periodic session check is set far off: the change itself must end the call.
    server =
        new TestServer(c -> c.withSignIn(c.signIn().withSessionCheckEvery(Duration.ofHours(1))));
    call = ConnectedCall.start(server, "dee");
    staff = server.server().repositories().staff();
  }

  @AfterEach
  void tearDown() {
    call.close();
    server.close();
  }

  @Test
  void turningOffAnAdvisorInACallEndsItAtOnceAndTheCaseSaysWhy() {
    assertThat(staff.setDisabled(staff.findByUsername("dee").orElseThrow().id(), true)).isTrue();

    JsonNode ended = call.kioskSocket().await("call.ended");
    assertThat(ended.path("callId").asText()).isEqualTo(call.callId());
    assertThat(ended.path("reason").asText()).isEqualTo("advisor_turned_off");
    // Never "they are coming back" first.
    assertThat(call.kioskSocket().seen())
        .noneMatch(m -> m.path("type").asText().equals("call.paused"));
    assertThat(call.advisor().awaitClose(Duration.ofSeconds(5))).isEqualTo(SessionEnd.CLOSE_CODE);
    assertThat(call.advisor().closeReason()).isEqualTo(SessionEnd.DISABLED.reason());

    JsonNode theCase = supervisor().get("/api/cases/" + call.caseId()).body();
    assertThat(theCase.path("contacts").get(0).path("state").asText()).isEqualTo("ENDED");
    assertThat(theCase.path("contacts").get(0).path("endReason").asText())
        .isEqualTo("advisor_turned_off");
    assertThat(theCase.path("timeline").toString())
        .contains("The call ended because the advisor's account was turned off");
  }

  @Test
  void aNewRoleInTheMiddleOfACallEndsItAtOnce() {
    assertThat(staff.changeRole(staff.findByUsername("dee").orElseThrow().id(), Role.TECHNICIAN))
        .isTrue();

    assertThat(call.kioskSocket().await("call.ended").path("reason").asText())
        .isEqualTo("advisor_role_changed");
    assertThat(call.kioskSocket().seen())
        .noneMatch(m -> m.path("type").asText().equals("call.paused"));
    assertThat(call.advisor().awaitClose(Duration.ofSeconds(5))).isEqualTo(SessionEnd.CLOSE_CODE);
    assertThat(call.advisor().closeReason()).isEqualTo(SessionEnd.ROLE_CHANGED.reason());
  }

  @Test
  void anAdvisorWhoSignsOutInACallMayComeBackSoTheCallIsHeld() {
    assertThat(call.advisorApi().send("DELETE", "/api/session", null).status()).isEqualTo(204);

    JsonNode paused = call.kioskSocket().await("call.paused");
    assertThat(paused.path("party").asText()).isEqualTo("advisor");
    assertThat(paused.path("reason").asText()).isEqualTo("advisor_disconnected");
    assertThat(call.kioskSocket().seen())
        .noneMatch(m -> m.path("type").asText().equals("call.ended"));
  }

  private Api supervisor() {
    server.staff("sue", Role.SUPERVISOR, Set.of("general"));
    return server.signIn("sue");
  }
}
