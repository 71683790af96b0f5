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

/**
 * Missed offers and overflow on the desk with a fake clock: a lapsed offer goes on at once, the
 * advisor who missed it is told, and only misses in a row set them Away.
 */
class MissedOfferTest {
  private final DeskFixture f = new DeskFixture(new RoutingPolicy(Duration.ofSeconds(90), 2));
  private final Site site = f.openSite(List.of("general", "housing"));

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void aMissedOfferGoesStraightToTheNextFreeAdvisorAndTheResidentKeepsTheirPlace() {
    StaffMember ann = f.advisor("ann", Set.of("general"));
    RecordingPeer annPeer = f.available(ann);
    f.clock.advance(Duration.ofSeconds(1));
    RecordingPeer bobPeer = f.available(f.advisor("bob", Set.of("general")));
    Kiosk kiosk = f.kiosk("Library kiosk", site);
    RecordingPeer k = f.connect(kiosk);
    String callId = f.request(kiosk, k);
    assertThat(k.last("call.queued").path("position").asInt()).isEqualTo(1);

    f.after(DeskFixture.OFFER_TIMEOUT);

    var missed = annPeer.last("call.offer_withdrawn");
    assertThat(missed.path("kioskName").asText()).isEqualTo("Library kiosk");
    assertThat(missed.path("next").asText()).isEqualTo("another_advisor");
    assertThat(bobPeer.last("call.offer").path("callId").asText()).isEqualTo(callId);
    assertThat(annPeer.last("advisor.state").path("status").asText()).isEqualTo("AVAILABLE");
    assertThat(k.last("call.queued").path("position").asInt()).isEqualTo(1);
    assertThat(k.count("call.ended")).isZero();
  }

  @Test
  void withNobodyElseFreeTheCallComesBackAndTheSecondMissInARowSetsAway() {
    StaffMember ann = f.advisor("ann", Set.of("general"));
    RecordingPeer annPeer = f.available(ann);
    Kiosk kiosk = f.kiosk("Library kiosk", site);
    String callId = f.request(kiosk, f.connect(kiosk));

    f.after(DeskFixture.OFFER_TIMEOUT);
    assertThat(annPeer.last("call.offer_withdrawn").path("next").asText()).isEqualTo("waiting");
    assertThat(offersAndState(annPeer)).endsWith("call.offer_withdrawn", "call.offer");
    assertThat(annPeer.last("call.offer").path("callId").asText()).isEqualTo(callId);

    f.after(DeskFixture.OFFER_TIMEOUT);
    assertThat(annPeer.last("advisor.state").path("status").asText()).isEqualTo("AWAY");
    assertThat(offersAndState(annPeer)).endsWith("call.offer_withdrawn", "advisor.state");
  }

  @Test
  void anAcceptedCallStartsTheCountAgain() {
    StaffMember ann = f.advisor("ann", Set.of("general"));
    RecordingPeer annPeer = f.available(ann);
    Kiosk first = f.kiosk("First kiosk", site);
    String firstCall = f.request(first, f.connect(first));
    f.after(DeskFixture.OFFER_TIMEOUT);
    f.fromAdvisor(ann, annPeer, "call.accept", Map.of("callId", firstCall));
    f.fromAdvisor(ann, annPeer, "call.hangup", Map.of("callId", firstCall));
    f.fromAdvisor(ann, annPeer, "advisor.status", Map.of("status", "AVAILABLE"));

    Kiosk second = f.kiosk("Second kiosk", site);
    f.request(second, f.connect(second));
    f.after(DeskFixture.OFFER_TIMEOUT);

    assertThat(annPeer.last("advisor.state").path("status").asText()).isEqualTo("AVAILABLE");
    assertThat(annPeer.last("call.offer").path("kioskName").asText()).isEqualTo("Second kiosk");
  }

  @Test
  void aDeclineIsAChoiceNotAMissTheAdvisorIsAwayAndTheCallGoesOn() {
    StaffMember ann = f.advisor("ann", Set.of("general"));
    RecordingPeer annPeer = f.available(ann);
    f.clock.advance(Duration.ofSeconds(1));
    RecordingPeer bobPeer = f.available(f.advisor("bob", Set.of("general")));
    Kiosk kiosk = f.kiosk("Library kiosk", site);
    String callId = f.request(kiosk, f.connect(kiosk));

    f.fromAdvisor(ann, annPeer, "call.decline", Map.of("callId", callId));

    assertThat(annPeer.last("call.offer_withdrawn").path("reason").asText()).isEqualTo("declined");
    assertThat(annPeer.last("advisor.state").path("status").asText()).isEqualTo("AWAY");
    assertThat(bobPeer.last("call.offer").path("callId").asText()).isEqualTo(callId);
  }

  @Test
  void afterTheOverflowWaitACallGoesToAnAdvisorWithoutItsTheme() {
    StaffMember ann = f.advisor("ann", Set.of("housing"));
    RecordingPeer annPeer = f.available(ann);
    Kiosk busy = f.kiosk("Busy kiosk", site);
    String annsCall = f.request(busy, f.connect(busy), "housing");
    f.fromAdvisor(ann, annPeer, "call.accept", Map.of("callId", annsCall));
    RecordingPeer taxPeer = f.available(f.advisor("tess", Set.of("general")));
    Kiosk kiosk = f.kiosk("Library kiosk", site);
    String callId = f.request(kiosk, f.connect(kiosk), "housing");

    f.after(Duration.ofSeconds(89));
    assertThat(taxPeer.count("call.offer")).isZero();
    f.after(Duration.ofSeconds(1));
    assertThat(taxPeer.last("call.offer").path("callId").asText()).isEqualTo(callId);
  }

  /** What the advisor was told of offers and status, in order (not the queue's news). */
  private static List<String> offersAndState(RecordingPeer peer) {
    return peer.types().stream().filter(t -> !t.equals("queue.snapshot")).toList();
  }
}
