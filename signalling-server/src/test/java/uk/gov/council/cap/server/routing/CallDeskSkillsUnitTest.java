package uk.gov.council.cap.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.kiosks.Kiosk;
import uk.gov.council.cap.server.sites.Site;
import uk.gov.council.cap.server.staff.StaffMember;

/**
 * The skills an admin sets decide offers: the sites an advisor covers, and a change of skills
 * reaching a signed-in advisor from the next offer. On the desk alone, as {@link
 * CallDeskRoutingUnitTest}.
 */
class CallDeskSkillsUnitTest {
  private final DeskFixture f = new DeskFixture();
  private final Site library = f.openSite(List.of("general", "housing"));
  private final Site townHall = f.openSite(List.of("general", "housing"));

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void anAdvisorWithSitesIsOfferedOnlyCallsFromThoseSites() {
    RecordingPeer lib = f.available(f.advisor("lib", Set.of("general"), Set.of(library.id())));
    StaffMember any = f.advisor("any", Set.of("general"));
    RecordingPeer anyPeer = new RecordingPeer();
    f.desk.advisorConnected(any, anyPeer); // every site, but Away for now
    Kiosk atTownHall = f.kiosk("Town hall kiosk", townHall);
    String callId = f.request(atTownHall, f.connect(atTownHall));
    assertThat(lib.count("call.offer")).isZero();

    f.fromAdvisor(any, anyPeer, "advisor.status", Map.of("status", "AVAILABLE"));

    assertThat(anyPeer.last("call.offer").path("callId").asText()).isEqualTo(callId);
    assertThat(lib.count("call.offer")).isZero();
  }

  @Test
  void aQueueServedByNobodyAtItsSiteIsToldNoAdvisorsAreAvailable() {
    f.available(f.advisor("lib", Set.of("general"), Set.of(library.id())));
    Kiosk atTownHall = f.kiosk("Town hall kiosk", townHall);
    RecordingPeer k = f.connect(atTownHall);

    f.fromKiosk(atTownHall, k, "call.request", Map.of());

    assertThat(k.last("call.unavailable").path("reason").asText()).isEqualTo("no_advisors");
  }

  @Test
  void anAdvisorGivenAThemeWhileSignedInIsOfferedItsWaitingCallWithoutSigningInAgain() {
    StaffMember tess = f.advisor("tess", Set.of("general"));
    RecordingPeer peer = f.available(tess);
    // Signed in but Away: the housing queue stays open, and nobody else takes its call.
    f.desk.advisorConnected(f.advisor("hal", Set.of("housing")), new RecordingPeer());
    Kiosk kiosk = f.kiosk("Kiosk", library);
    RecordingPeer k = f.connect(kiosk);
    f.fromKiosk(kiosk, k, "call.request", Map.of("theme", "housing"));
    String callId = k.last("call.queued").path("callId").asText();
    assertThat(peer.count("call.offer")).isZero();

    f.desk.advisorChanged(withThemes(tess, Set.of("general", "housing")));

    assertThat(peer.last("call.offer").path("callId").asText()).isEqualTo(callId);
    assertThat(peer.count("call.offer")).isEqualTo(1);
    assertThat(peer.last("advisor.state").path("themes").toString()).contains("housing");
  }

  @Test
  void anOfferForACallTheAdvisorNoLongerServesIsTakenBack() {
    StaffMember tess = f.advisor("tess", Set.of("general"));
    RecordingPeer peer = f.available(tess);
    Kiosk kiosk = f.kiosk("Kiosk", library);
    String callId = f.request(kiosk, f.connect(kiosk));
    assertThat(peer.last("call.offer").path("callId").asText()).isEqualTo(callId);

    f.desk.advisorChanged(withThemes(tess, Set.of("housing")));

    assertThat(peer.last("call.offer_withdrawn").path("reason").asText())
        .isEqualTo("advisor_changed");
  }

  private static StaffMember withThemes(StaffMember m, Set<String> themes) {
    return new StaffMember(
        m.id(), m.username(), m.displayName(), m.role(), themes, m.sites(), m.languages());
  }
}
