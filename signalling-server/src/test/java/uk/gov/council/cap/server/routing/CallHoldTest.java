package uk.gov.council.cap.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.testing.ConnectedCall;
import uk.gov.council.cap.server.testing.TestServer;
import uk.gov.council.cap.server.testing.WsClient;

/**
 * A connected call through the rough parts of real life, over real sockets: a quiet call is never
 * dropped; a side that goes away is waited for and the other side told at once; a side that comes
 * back carries on the same call and case; a side that freezes is noticed, and the call ends at the
 * moment it was last heard.
 */
class CallHoldTest {
  /**
   * Short timings so each case is quick; the grace is long enough for a client on a busy machine to
   * reconnect.
   */
  private static final ServerConfig.CallHold HOLD =
      new ServerConfig.CallHold(
          Duration.ofMillis(200),
          Duration.ofMillis(1500),
          Duration.ofSeconds(6),
          Duration.ofMillis(200));

  private TestServer server;
  private ConnectedCall call;

  @BeforeEach
  void setUp() {
    server = new TestServer(c -> c.withCallHold(HOLD));
    call = ConnectedCall.start(server, "alex");
  }

  @AfterEach
  void tearDown() {
    call.close();
    server.close();
  }

  @Test
  void aQuietCallOutlastsEveryTimeoutBecauseBothSidesAnswerTheServersPings() {
    // Nothing is said for several times the silence limit and the resume grace together.
    Duration quiet = HOLD.worstCaseToEnd().multipliedBy(2);
    call.advisor().holdQuietFor(quiet, "call.paused", "call.ended");
    // The kiosk's side: an error answer to a made-up type is a barrier behind everything sent to it
    // before.
    call.kioskSocket().sendRaw("{\"v\":1,\"type\":\"made.up\",\"payload\":{}}");
    call.kioskSocket().expectNoneBefore("call.paused", "error");
    assertThat(call.kioskSocket().seen()).noneMatch(type("call.ended"));
    assertThat(call.advisor().isOpen()).isTrue();
    assertThat(call.kioskSocket().isOpen()).isTrue();
    JsonNode contact = contact();
    assertThat(contact.path("state").asText()).isEqualTo("CONNECTED");
  }

  @Test
  void aKioskScreenReloadPausesTheCallForTheAdvisorAndRejoiningResumesTheSameCall() {
    call.kioskSocket().send("call.screen_lost", Map.of("callId", call.callId()));
    JsonNode paused = call.advisor().await("call.paused");
    assertThat(paused.path("party").asText()).isEqualTo("kiosk");
    assertThat(paused.path("reason").asText()).isEqualTo("kiosk_screen_lost");
    assertThat(paused.path("resumeWithinSeconds").asLong()).isBetween(1L, 6L);

    call.kioskSocket().send("call.rejoin", Map.of("callId", call.callId()));
    JsonNode advisorSide =
        call.advisor().await("call.connected", p -> p.path("resumed").asBoolean());
    JsonNode kioskSide =
        call.kioskSocket().await("call.connected", p -> p.path("resumed").asBoolean());
    assertThat(advisorSide.path("callId").asText()).isEqualTo(call.callId());
    assertThat(advisorSide.path("role").asText()).isEqualTo("offerer");
    assertThat(kioskSide.path("role").asText()).isEqualTo("answerer");
    assertThat(advisorSide.path("caseId").asText()).isEqualTo(call.caseId());

    // Still the same call after the grace has passed: it was resumed, not ended.
    call.advisor().holdQuietFor(HOLD.resumeGrace().plusSeconds(1), "call.ended", "call.paused");
    assertThat(contact().path("state").asText()).isEqualTo("CONNECTED");
    assertThat(timelineKinds()).contains("call.paused", "call.resumed");
  }

  @Test
  void aKioskAppThatReconnectsIsToldItsCallIsHeldAndRejoinsIt() {
    call.kioskSocket().drop();
    assertThat(call.advisor().await("call.paused").path("reason").asText())
        .isEqualTo("kiosk_disconnected");

    try (WsClient again = server.kioskSocket(call.kiosk())) {
      assertThat(again.await("kiosk.config").path("activeCallId").asText())
          .isEqualTo(call.callId());
      JsonNode held = again.await("call.paused");
      assertThat(held.path("party").asText()).isEqualTo("kiosk");
      again.send("call.rejoin", Map.of("callId", call.callId()));
      assertThat(again.await("call.connected").path("resumed").asBoolean()).isTrue();
      assertThat(call.advisor().await("call.connected").path("resumed").asBoolean()).isTrue();
      again.send("call.hangup", Map.of("callId", call.callId()));
      assertThat(call.advisor().await("call.ended").path("reason").asText())
          .isEqualTo("hangup_kiosk");
    }
    assertThat(contact().path("endReason").asText()).isEqualTo("hangup_kiosk");
  }

  @Test
  void aFrozenConsoleIsNoticedAndTheCallEndsAtTheMomentItWasLastHeard() {
    Instant frozenAt = server.clock().now();
    call.advisor().freeze();
    JsonNode paused = call.kioskSocket().await("call.paused");
    Instant toldAt = server.clock().now();
    assertThat(paused.path("party").asText()).isEqualTo("advisor");
    assertThat(paused.path("reason").asText()).isEqualTo("advisor_disconnected");
    // Noticed within the silence limit and a ping or two, not after minutes.
    assertThat(Duration.between(frozenAt, toldAt)).isLessThan(HOLD.silenceLimit().plusSeconds(3));

    JsonNode ended = call.kioskSocket().await("call.ended", HOLD.resumeGrace().plusSeconds(10));
    assertThat(ended.path("reason").asText()).isEqualTo("advisor_disconnected");
    JsonNode contact = contact();
    assertThat(contact.path("endReason").asText()).isEqualTo("advisor_disconnected");
    Instant endedAt = Instant.parse(contact.path("endedAt").asText());
    // The true end: when the console was last heard, before the kiosk was even told, never the end
    // of the grace.
    assertThat(endedAt).isBefore(toldAt);
    assertThat(endedAt).isAfter(frozenAt.minusSeconds(1));
  }

  @Test
  void aKioskThatDoesNotComeBackEndsTheCallAfterTheGraceAndTheAdvisorIsToldWhy() {
    Instant droppedAt = server.clock().now();
    call.kioskSocket().drop();
    call.advisor().await("call.paused");
    JsonNode ended = call.advisor().await("call.ended", HOLD.resumeGrace().plusSeconds(10));
    assertThat(ended.path("reason").asText()).isEqualTo("kiosk_disconnected");
    Instant endedAt = Instant.parse(contact().path("endedAt").asText());
    assertThat(Duration.between(droppedAt, endedAt).abs()).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void typedTextReachesBothScreensAndTheCaseAndMediaProblemsReachTheOtherSide() {
    call.kioskSocket()
        .send("call.media", Map.of("callId", call.callId(), "camera", false, "microphone", false));
    JsonNode media = call.advisor().await("call.media");
    assertThat(media.path("party").asText()).isEqualTo("kiosk");
    assertThat(media.path("camera").asBoolean()).isFalse();

    call.advisor().send("call.text", Map.of("callId", call.callId(), "text", "Can you read this?"));
    JsonNode onKiosk = call.kioskSocket().await("call.text");
    assertThat(onKiosk.path("text").asText()).isEqualTo("Can you read this?");
    assertThat(onKiosk.path("party").asText()).isEqualTo("advisor");
    call.kioskSocket().send("call.text", Map.of("callId", call.callId(), "text", "Yes I can"));
    assertThat(
            call.advisor()
                .await("call.text", p -> p.path("party").asText().equals("kiosk"))
                .path("text")
                .asText())
        .isEqualTo("Yes I can");

    JsonNode timeline =
        call.advisorApi().get("/api/cases/" + call.caseId()).body().path("timeline");
    assertThat(timeline.toString())
        .contains("Advisor typed: Can you read this?")
        .contains("Resident typed: Yes I can");
  }

  @Test
  void aTooLongMessageIsRefusedWithWordsAndTheCallCarriesOn() {
    call.kioskSocket().send("call.text", Map.of("callId", call.callId(), "text", "x".repeat(501)));
    assertThat(call.kioskSocket().await("error").path("code").asText())
        .isEqualTo("invalid_payload");
    call.kioskSocket().send("call.text", Map.of("callId", "someone-elses-call", "text", "hello"));
    assertThat(call.kioskSocket().await("error").path("code").asText()).isEqualTo("not_your_call");
    assertThat(contact().path("state").asText()).isEqualTo("CONNECTED");
  }

  private JsonNode contact() {
    return call.advisorApi().get("/api/cases/" + call.caseId()).body().path("contacts").get(0);
  }

  private java.util.List<String> timelineKinds() {
    java.util.List<String> kinds = new java.util.ArrayList<>();
    call.advisorApi()
        .get("/api/cases/" + call.caseId())
        .body()
        .path("timeline")
        .forEach(t -> kinds.add(t.path("kind").asText()));
    return kinds;
  }

  private static Predicate<JsonNode> type(String t) {
    return m -> m.path("type").asText().equals(t);
  }
}
