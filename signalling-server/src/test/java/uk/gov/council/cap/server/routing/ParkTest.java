package uk.gov.council.cap.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.cases.TimelineEntry;
import uk.gov.council.cap.server.kiosks.Kiosk;
import uk.gov.council.cap.server.sites.Site;
import uk.gov.council.cap.server.staff.StaffMember;

/**
 * Park while the resident fills a form (ADR 0047), on the desk with a fake clock: the advisor parks
 * the call and takes another; the resident calls back and the same advisor is offered it first,
 * anyone who serves it after the overflow wait.
 */
class ParkTest {
  private final DeskFixture f = new DeskFixture(new RoutingPolicy(Duration.ofSeconds(90), 2));
  private final Site site = f.openSite(List.of("general"));
  private final StaffMember ann = f.advisor("ann", Set.of("general"));
  private final Kiosk first = f.kiosk("First kiosk", site);
  private final Kiosk second = f.kiosk("Second kiosk", site);
  private RecordingPeer annPeer;
  private RecordingPeer k1;
  private String parkedCall;

  @AfterEach
  void tearDown() {
    f.close();
  }

  /** Ann is in a call with the first kiosk and parks it. */
  private void annParksACall() {
    annPeer = f.available(ann);
    k1 = f.connect(first);
    parkedCall = f.request(first, k1);
    f.fromAdvisor(ann, annPeer, "call.accept", Map.of("callId", parkedCall));
    f.fromAdvisor(ann, annPeer, "call.park", Map.of("callId", parkedCall));
  }

  @Test
  void aParkedCallStopsTheMediaAndLeavesTheAdvisorFreeWithTheCallListed() {
    annParksACall();

    assertThat(k1.last("call.parked").path("callId").asText()).isEqualTo(parkedCall);
    assertThat(k1.count("call.ended")).isZero();
    var state = annPeer.last("advisor.state");
    assertThat(state.path("status").asText()).isEqualTo("AVAILABLE");
    assertThat(state.has("callId")).isFalse();
    assertThat(state.path("parked").get(0).path("kioskName").asText()).isEqualTo("First kiosk");
    assertThat(state.path("parked").get(0).path("since").asText())
        .isEqualTo(f.clock.now().toString());

    RecordingPeer k2 = f.connect(second);
    String next = f.request(second, k2);
    assertThat(annPeer.last("call.offer").path("callId").asText()).isEqualTo(next);
  }

  @Test
  void theResidentCallsBackAndTheSameAdvisorIsOfferedItFirstOnTheSameCase() {
    annParksACall();
    RecordingPeer k2 = f.connect(second);
    String next = f.request(second, k2);
    f.fromAdvisor(ann, annPeer, "call.accept", Map.of("callId", next));
    f.clock.advance(Duration.ofSeconds(1));
    RecordingPeer bobPeer = f.available(f.advisor("bob", Set.of("general")));

    f.fromKiosk(first, k1, "call.recall", Map.of("callId", parkedCall));
    assertThat(k1.last("call.queued").path("callId").asText()).isEqualTo(parkedCall);
    assertThat(bobPeer.count("call.offer")).isZero();

    f.fromAdvisor(ann, annPeer, "call.hangup", Map.of("callId", next));
    f.fromAdvisor(ann, annPeer, "advisor.status", Map.of("status", "AVAILABLE"));
    assertThat(annPeer.last("call.offer").path("callId").asText()).isEqualTo(parkedCall);
    f.fromAdvisor(ann, annPeer, "call.accept", Map.of("callId", parkedCall));

    assertThat(k1.last("call.connected").path("callId").asText()).isEqualTo(parkedCall);
    assertThat(annPeer.last("call.connected").path("callId").asText()).isEqualTo(parkedCall);
    assertThat(annPeer.last("advisor.state").path("parked")).isEmpty();
    assertThat(bobPeer.count("call.offer")).isZero();
    String caseId = f.calls.find(parkedCall).orElseThrow().caseId();
    assertThat(f.cases.timeline(caseId).stream().map(TimelineEntry::kind))
        .contains("call.parked", "call.recalled", "call.unparked");
  }

  @Test
  void aCallBackGoesToAnyoneWhoServesItAfterTheOverflowWait() {
    annParksACall();
    RecordingPeer k2 = f.connect(second);
    f.fromAdvisor(ann, annPeer, "call.accept", Map.of("callId", f.request(second, k2)));
    RecordingPeer bobPeer = f.available(f.advisor("bob", Set.of("general")));
    f.fromKiosk(first, k1, "call.recall", Map.of("callId", parkedCall));

    f.after(Duration.ofSeconds(89));
    assertThat(bobPeer.count("call.offer")).isZero();
    f.after(Duration.ofSeconds(1));
    assertThat(bobPeer.last("call.offer").path("callId").asText()).isEqualTo(parkedCall);
  }

  @Test
  void theResidentWhoEndsAParkedCallEndsItAndTheAdvisorsListEmpties() {
    annParksACall();

    f.fromKiosk(first, k1, "call.hangup", Map.of("callId", parkedCall));

    assertThat(k1.last("call.ended").path("callId").asText()).isEqualTo(parkedCall);
    assertThat(annPeer.last("advisor.state").path("parked")).isEmpty();
    assertThat(annPeer.last("advisor.state").path("status").asText()).isEqualTo("AVAILABLE");
  }

  @Test
  void onlyTheAdvisorInTheCallMayParkItAndOnlyItsKioskMayCallBack() {
    annParksACall();
    StaffMember bob = f.advisor("bob", Set.of("general"));
    RecordingPeer bobPeer = f.available(bob);
    f.fromAdvisor(bob, bobPeer, "call.park", Map.of("callId", parkedCall));
    assertThat(bobPeer.last("error").path("code").asText()).isEqualTo("not_your_call");

    RecordingPeer k2 = f.connect(second);
    f.fromKiosk(second, k2, "call.recall", Map.of("callId", parkedCall));
    assertThat(k2.last("error").path("code").asText()).isEqualTo("not_your_call");
    assertThat(annPeer.count("call.offer")).isEqualTo(1);
  }
}
