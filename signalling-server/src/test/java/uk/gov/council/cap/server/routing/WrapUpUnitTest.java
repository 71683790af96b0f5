package uk.gov.council.cap.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.kiosks.Kiosk;
import uk.gov.council.cap.server.sites.Site;
import uk.gov.council.cap.server.staff.StaffMember;

/** Wrap-up then ready (ADR 0044), on the desk alone with a fake clock. */
class WrapUpUnitTest {
  private DeskFixture f;
  private StaffMember ann;
  private RecordingPeer annPeer;
  private Kiosk first;
  private Kiosk second;
  private RecordingPeer k1;
  private RecordingPeer k2;

  @AfterEach
  void tearDown() {
    f.close();
  }

  /** Ann takes the first resident's call and ends it; a second resident is waiting. */
  private String oneCallEndedAndOneWaiting(Duration wrapUp) {
    f = new DeskFixture(wrapUp);
    Site site = f.openSite(List.of("general"));
    ann = f.advisor("ann", Set.of("general"));
    annPeer = f.available(ann);
    first = f.kiosk("First kiosk", site);
    second = f.kiosk("Second kiosk", site);
    k1 = f.connect(first);
    k2 = f.connect(second);
    String callId = f.request(first, k1);
    f.fromAdvisor(ann, annPeer, "call.accept", Map.of("callId", callId));
    f.request(second, k2);
    f.clock.advance(Duration.ofSeconds(90));
    f.fromAdvisor(ann, annPeer, "call.hangup", Map.of("callId", callId));
    return callId;
  }

  @Test
  void afterACallEndsTheAdvisorIsInWrapUpAndIsOfferedNothing() {
    oneCallEndedAndOneWaiting(Duration.ZERO);

    assertThat(annPeer.last("advisor.state").path("status").asText()).isEqualTo("BUSY");
    assertThat(annPeer.last("advisor.state").path("wrapUp").asBoolean()).isTrue();
    f.after(Duration.ofMinutes(30));
    // Never saved: the desk does not guess they are ready.
    assertThat(annPeer.count("call.offer")).isEqualTo(1);
  }

  @Test
  void savingTheOutcomeWithNoWrapUpTimeOffersTheNextResidentAtOnce() {
    String callId = oneCallEndedAndOneWaiting(Duration.ZERO);

    f.desk.outcomeRecorded(ann.id(), callId, true);

    assertThat(annPeer.last("advisor.state").path("status").asText()).isEqualTo("AVAILABLE");
    assertThat(annPeer.last("advisor.state").has("wrapUp")).isFalse();
    assertThat(annPeer.last("call.offer").path("kioskName").asText()).isEqualTo("Second kiosk");
  }

  @Test
  void withAWrapUpTimeTheAdvisorIsAvailableOnlyWhenItIsUp() {
    String callId = oneCallEndedAndOneWaiting(Duration.ofSeconds(30));

    f.desk.outcomeRecorded(ann.id(), callId, true);
    assertThat(annPeer.last("advisor.state").path("readyAt").asText())
        .isEqualTo(f.clock.now().plusSeconds(30).toString());
    f.after(Duration.ofSeconds(29));
    assertThat(annPeer.count("call.offer")).isEqualTo(1);

    f.after(Duration.ofSeconds(1));
    assertThat(annPeer.last("advisor.state").path("status").asText()).isEqualTo("AVAILABLE");
    assertThat(annPeer.last("call.offer").path("kioskName").asText()).isEqualTo("Second kiosk");
  }

  @Test
  void notReadyKeepsTheAdvisorAway() {
    String callId = oneCallEndedAndOneWaiting(Duration.ZERO);

    f.desk.outcomeRecorded(ann.id(), callId, false);
    f.after(Duration.ofMinutes(5));

    assertThat(annPeer.last("advisor.state").path("status").asText()).isEqualTo("AWAY");
    assertThat(annPeer.count("call.offer")).isEqualTo(1);
  }

  @Test
  void anOutcomeForAnotherCallDoesNotEndTheWrapUp() {
    oneCallEndedAndOneWaiting(Duration.ZERO);

    f.desk.outcomeRecorded(ann.id(), "some-older-call", true);

    assertThat(annPeer.last("advisor.state").path("status").asText()).isEqualTo("BUSY");
    assertThat(annPeer.count("call.offer")).isEqualTo(1);
  }

  @Test
  void choosingAvailableOnTheStatusControlStillWorksDuringWrapUp() {
    oneCallEndedAndOneWaiting(Duration.ofSeconds(30));

    f.fromAdvisor(ann, annPeer, "advisor.status", Map.of("status", "AVAILABLE"));

    assertThat(annPeer.last("call.offer").path("kioskName").asText()).isEqualTo("Second kiosk");
  }

  @Test
  void theWrapUpCountsAsHandlingTimeAndIsAudited() {
    String callId = oneCallEndedAndOneWaiting(Duration.ZERO);
    String caseId = f.calls.find(callId).orElseThrow().caseId();
    f.clock.advance(Duration.ofSeconds(30));

    f.desk.outcomeRecorded(ann.id(), callId, true);

    assertThat(f.audit.forCase(caseId))
        .filteredOn(e -> e.action().equals("call.wrap_up_ended"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.actor()).contains("ann");
              // 90 s talking and 30 s wrapping up.
              assertThat(e.detail()).isEqualTo("next=AVAILABLE, handledSeconds=120");
            });
  }
}
