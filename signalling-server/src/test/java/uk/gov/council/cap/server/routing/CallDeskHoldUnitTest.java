package uk.gov.council.cap.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.kiosks.Kiosk;
import uk.gov.council.cap.server.staff.StaffMember;

/** A connected call through a side that drops: held for the grace, resumed, or ended. */
class CallDeskHoldUnitTest {
  private final DeskFixture f = new DeskFixture();
  private StaffMember ann;
  private RecordingPeer annPeer;
  private Kiosk kiosk;
  private RecordingPeer k;
  private String callId;

  @BeforeEach
  void connectACall() {
    ann = f.advisor("ann", Set.of("general"));
    annPeer = f.available(ann);
    kiosk = f.kiosk("Kiosk", f.openSite(List.of("general")));
    k = f.connect(kiosk);
    callId = f.request(kiosk, k);
    f.fromAdvisor(ann, annPeer, "call.accept", Map.of("callId", callId));
    assertThat(k.last("call.connected").path("resumed").asBoolean()).isFalse();
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void aKioskThatComesBackWithinTheGraceResumesTheCall() {
    f.desk.kioskDisconnected(kiosk, k, null);
    assertThat(annPeer.last("call.paused").path("party").asText()).isEqualTo("kiosk");

    f.after(DeskFixture.CALL_RESUME_GRACE.minusSeconds(1));
    RecordingPeer back = f.connect(kiosk);
    assertThat(back.last("kiosk.config").path("activeCallId").asText()).isEqualTo(callId);
    f.fromKiosk(kiosk, back, "call.rejoin", Map.of("callId", callId));

    assertThat(back.last("call.connected").path("resumed").asBoolean()).isTrue();
    assertThat(annPeer.last("call.connected").path("resumed").asBoolean()).isTrue();
    f.after(Duration.ofSeconds(5));
    assertThat(annPeer.count("call.ended")).isZero();
  }

  @Test
  void aKioskThatDoesNotComeBackEndsTheCallWhenItWasLastHeard() {
    f.clock.advance(Duration.ofSeconds(30));
    var lastHeard = f.clock.now();
    f.clock.advance(Duration.ofSeconds(10));
    f.desk.kioskDisconnected(kiosk, k, lastHeard);

    f.after(DeskFixture.CALL_RESUME_GRACE);

    assertThat(annPeer.last("call.ended").path("reason").asText()).isEqualTo("kiosk_disconnected");
    // After-call work: the advisor records the outcome before taking the next call.
    assertThat(annPeer.last("advisor.state").path("status").asText()).isEqualTo("BUSY");
    assertThat(f.calls.find(callId).orElseThrow().endedAt()).isEqualTo(lastHeard);
  }

  @Test
  void anAdvisorWhoReconnectsWithinTheGraceIsPutStraightBackInTheCall() {
    f.desk.advisorDisconnected(ann, annPeer, null);
    assertThat(k.last("call.paused").path("party").asText()).isEqualTo("advisor");

    RecordingPeer again = new RecordingPeer();
    f.desk.advisorConnected(ann, again);

    assertThat(again.last("advisor.state").path("callId").asText()).isEqualTo(callId);
    assertThat(again.last("call.connected").path("resumed").asBoolean()).isTrue();
    assertThat(k.last("call.connected").path("resumed").asBoolean()).isTrue();
  }

  @Test
  void whenBothSidesDropTheCallEndsAtOnce() {
    f.desk.kioskDisconnected(kiosk, k, null);
    f.desk.advisorDisconnected(ann, annPeer, null);

    assertThat(f.calls.find(callId).orElseThrow().endReason()).isEqualTo("kiosk_disconnected");
  }
}
