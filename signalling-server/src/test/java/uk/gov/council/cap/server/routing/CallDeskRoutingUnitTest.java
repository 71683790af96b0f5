package uk.gov.council.cap.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.calls.CallState;
import uk.gov.council.cap.server.kiosks.Kiosk;
import uk.gov.council.cap.server.sites.Site;
import uk.gov.council.cap.server.staff.StaffMember;

/**
 * Routing, offers and the queue's timers, on the desk alone with a fake clock: no server, no
 * sockets, no sleeps.
 */
class CallDeskRoutingUnitTest {
  private final DeskFixture f = new DeskFixture();
  private final Site site = f.openSite(List.of("general", "housing"));

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void theLongestWaitingResidentGoesToTheLongestIdleAdvisor() {
    StaffMember ann = f.advisor("ann", Set.of("general"));
    StaffMember bob = f.advisor("bob", Set.of("general"));
    RecordingPeer annPeer = new RecordingPeer();
    RecordingPeer bobPeer = new RecordingPeer();
    f.desk.advisorConnected(ann, annPeer);
    f.desk.advisorConnected(bob, bobPeer);
    Kiosk first = f.kiosk("First kiosk", site);
    Kiosk second = f.kiosk("Second kiosk", site);
    RecordingPeer k1 = f.connect(first);
    RecordingPeer k2 = f.connect(second);

    String firstCall = f.request(first, k1);
    f.clock.advance(Duration.ofSeconds(1));
    f.request(second, k2);
    assertThat(k2.last("call.queued").path("position").asInt()).isEqualTo(2);

    f.fromAdvisor(bob, bobPeer, "advisor.status", Map.of("status", "AVAILABLE"));
    assertThat(bobPeer.last("call.offer").path("callId").asText()).isEqualTo(firstCall);
    f.clock.advance(Duration.ofSeconds(1));
    f.fromAdvisor(ann, annPeer, "advisor.status", Map.of("status", "AVAILABLE"));
    assertThat(annPeer.last("call.offer").path("kioskName").asText()).isEqualTo("Second kiosk");
  }

  @Test
  void ofTwoFreeAdvisorsTheOneIdleLongerIsOfferedTheCall() {
    StaffMember ann = f.advisor("ann", Set.of("general"));
    StaffMember bob = f.advisor("bob", Set.of("general"));
    RecordingPeer bobPeer = f.available(bob);
    f.clock.advance(Duration.ofSeconds(30));
    RecordingPeer annPeer = f.available(ann);
    Kiosk kiosk = f.kiosk("Kiosk", site);

    f.request(kiosk, f.connect(kiosk));

    assertThat(bobPeer.count("call.offer")).isEqualTo(1);
    assertThat(annPeer.count("call.offer")).isZero();
  }

  @Test
  void onlyAnAdvisorWhoseThemesMatchIsOfferedTheCall() {
    RecordingPeer tess = f.available(f.advisor("tess", Set.of("general")));
    RecordingPeer hal = f.available(f.advisor("hal", Set.of("housing")));
    Kiosk kiosk = f.kiosk("Kiosk", site);
    RecordingPeer k = f.connect(kiosk);

    f.fromKiosk(kiosk, k, "call.request", Map.of("theme", "housing"));

    assertThat(hal.last("call.offer").path("theme").asText()).isEqualTo("housing");
    assertThat(tess.count("call.offer")).isZero();
  }

  @Test
  void anOfferNobodyAnswersGoesToTheNextAdvisorAndTheFirstIsToldButNotSetAway() {
    StaffMember ann = f.advisor("ann", Set.of("general"));
    RecordingPeer annPeer = f.available(ann);
    f.clock.advance(Duration.ofSeconds(1));
    RecordingPeer bobPeer = f.available(f.advisor("bob", Set.of("general")));
    Kiosk kiosk = f.kiosk("Kiosk", site);
    String callId = f.request(kiosk, f.connect(kiosk));
    assertThat(annPeer.last("call.offer").path("callId").asText()).isEqualTo(callId);

    f.after(DeskFixture.OFFER_TIMEOUT.minusSeconds(1));
    assertThat(bobPeer.count("call.offer")).isZero();

    f.after(Duration.ofSeconds(1));
    assertThat(annPeer.last("call.offer_withdrawn").path("reason").asText()).isEqualTo("expired");
    assertThat(annPeer.last("call.offer_withdrawn").path("next").asText())
        .isEqualTo("another_advisor");
    assertThat(annPeer.last("advisor.state").path("status").asText()).isEqualTo("AVAILABLE");
    assertThat(bobPeer.last("call.offer").path("callId").asText()).isEqualTo(callId);
  }

  @Test
  void aQueueWithNoAdvisorSignedInEndsAfterTheGraceAndTheResidentIsToldWhy() {
    StaffMember ann = f.advisor("ann", Set.of("general"));
    RecordingPeer annPeer = new RecordingPeer();
    f.desk.advisorConnected(ann, annPeer);
    Kiosk kiosk = f.kiosk("Kiosk", site);
    RecordingPeer k = f.connect(kiosk);
    String callId = f.request(kiosk, k);
    f.desk.advisorDisconnected(ann, annPeer, null);

    f.after(Duration.ZERO);
    f.after(DeskFixture.NO_ADVISOR_GRACE.minusSeconds(1));
    assertThat(k.count("call.ended")).isZero();

    f.after(Duration.ofSeconds(1));
    assertThat(k.last("call.ended").path("reason").asText()).isEqualTo("no_advisors");
    assertThat(k.last("call.unavailable").path("reason").asText()).isEqualTo("no_advisors");
    assertThat(f.calls.find(callId).orElseThrow().endReason()).isEqualTo("no_advisors");
  }

  @Test
  void aResidentWhoCancelsLeavesTheQueueAndTheOfferIsTakenBack() {
    RecordingPeer annPeer = f.available(f.advisor("ann", Set.of("general")));
    Kiosk kiosk = f.kiosk("Kiosk", site);
    RecordingPeer k = f.connect(kiosk);
    String callId = f.request(kiosk, k);

    f.fromKiosk(kiosk, k, "call.cancel", Map.of("callId", callId));

    assertThat(k.last("call.ended").path("reason").asText()).isEqualTo("cancelled");
    assertThat(annPeer.last("call.offer_withdrawn").path("reason").asText()).isEqualTo("cancelled");
    assertThat(f.calls.find(callId).orElseThrow().endReason()).isEqualTo("cancelled");
  }

  @Test
  void aKioskThatDropsWhileQueuedKeepsItsPlaceWithinTheGraceAndIsAbandonedAfterIt() {
    f.desk.advisorConnected(f.advisor("ann", Set.of("general")), new RecordingPeer());
    Kiosk kiosk = f.kiosk("Kiosk", site);
    RecordingPeer k = f.connect(kiosk);
    String kept = f.request(kiosk, k);
    f.desk.kioskDisconnected(kiosk, k, null);
    f.after(DeskFixture.RESUME_GRACE.minusSeconds(1));
    RecordingPeer back = f.connect(kiosk);
    f.fromKiosk(kiosk, back, "call.request", Map.of("resumeCallId", kept));
    assertThat(back.last("call.queued").path("callId").asText()).isEqualTo(kept);

    f.desk.kioskDisconnected(kiosk, back, null);
    f.after(DeskFixture.RESUME_GRACE);
    assertThat(f.calls.find(kept).orElseThrow().state()).isEqualTo(CallState.ENDED);
    assertThat(f.calls.find(kept).orElseThrow().endReason()).isEqualTo("abandoned");
    RecordingPeer late = f.connect(kiosk);
    f.fromKiosk(kiosk, late, "call.request", Map.of("resumeCallId", kept));
    assertThat(late.last("call.queued").path("callId").asText()).isNotEqualTo(kept);
  }
}
