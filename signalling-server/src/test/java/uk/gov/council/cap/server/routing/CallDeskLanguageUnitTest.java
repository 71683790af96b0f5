package uk.gov.council.cap.server.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.calls.CallRecord;
import uk.gov.council.cap.server.kiosks.Kiosk;
import uk.gov.council.cap.server.sites.Site;
import uk.gov.council.cap.server.staff.StaffMember;

/**
 * The resident's language (issue 16): kept with the call, shown to the advisor, and preferred in
 * routing without ever keeping the resident waiting for a speaker. On the desk alone, with a fake
 * clock, as {@link CallDeskRoutingUnitTest}.
 */
class CallDeskLanguageUnitTest {
  private final DeskFixture f = new DeskFixture();
  private final Site library = f.openSite(List.of("general"));
  private final Kiosk kiosk = f.kiosk("Library kiosk", library);

  @AfterEach
  void tearDown() {
    f.close();
  }

  private StaffMember speaking(String username, Set<String> languages) {
    StaffMember m = f.advisor(username, Set.of("general"));
    return new StaffMember(
        m.id(), m.username(), m.displayName(), m.role(), m.themes(), m.sites(), languages);
  }

  private String requestIn(String language) {
    RecordingPeer k = f.connect(kiosk);
    f.fromKiosk(kiosk, k, "call.request", Map.of("language", language));
    return k.last("call.queued").path("callId").asText();
  }

  @Test
  void aPolishResidentGoesToAFreePolishSpeakerBeforeTheLongestIdleAdvisor() {
    RecordingPeer longestIdle = f.available(speaking("ann", Set.of("cy")));
    f.after(Duration.ofMinutes(5));
    RecordingPeer speaker = f.available(speaking("piotr", Set.of("pl", "en")));

    String callId = requestIn("pl");

    assertThat(speaker.last("call.offer").path("callId").asText()).isEqualTo(callId);
    assertThat(speaker.last("call.offer").path("language").asText()).isEqualTo("pl");
    assertThat(longestIdle.count("call.offer")).isZero();
  }

  @Test
  void withNoSpeakerFreeTheCallGoesAtOnceToTheLongestIdleAdvisor() {
    RecordingPeer longestIdle = f.available(speaking("ann", Set.of()));
    f.after(Duration.ofMinutes(5));
    RecordingPeer other = f.available(speaking("bob", Set.of("cy")));

    String callId = requestIn("ur");

    assertThat(longestIdle.last("call.offer").path("callId").asText()).isEqualTo(callId);
    assertThat(other.count("call.offer")).isZero();
  }

  @Test
  void englishIsNoPreferenceSoWorkIsSharedAsBefore() {
    RecordingPeer longestIdle = f.available(speaking("ann", Set.of()));
    f.after(Duration.ofMinutes(5));
    RecordingPeer speaker = f.available(speaking("eve", Set.of("en")));

    String callId = requestIn("en");

    assertThat(longestIdle.last("call.offer").path("callId").asText()).isEqualTo(callId);
    assertThat(speaker.count("call.offer")).isZero();
  }

  @Test
  void theLanguageIsKeptWithTheCallOnTheCaseAndSentToTheAdvisorWhenConnected() {
    StaffMember piotr = speaking("piotr", Set.of("pl"));
    RecordingPeer advisor = f.available(piotr);
    String callId = requestIn("pl");

    f.fromAdvisor(piotr, advisor, "call.accept", Map.of("callId", callId));

    assertThat(advisor.last("call.connected").path("language").asText()).isEqualTo("pl");
    CallRecord call = f.calls.find(callId).orElseThrow();
    assertThat(call.language()).isEqualTo("pl");
    assertThat(f.cases.timeline(call.caseId()))
        .anySatisfy(e -> assertThat(e.toString()).contains("language: Polish (pl)"));
  }

  @Test
  void aCodeThatIsNotALanguageIsRefusedByTheSchema() {
    RecordingPeer k = f.connect(kiosk);

    assertThatThrownBy(() -> f.fromKiosk(kiosk, k, "call.request", Map.of("language", "<b>")))
        .hasMessageContaining("language");
    assertThatThrownBy(
            () -> f.fromKiosk(kiosk, k, "call.request", Map.of("language", "x".repeat(40))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void speakingMatchesTheLanguageOrItsMainLanguage() {
    assertThat(LanguageSkill.speaks(Set.of("pt"), "pt-BR")).isTrue();
    assertThat(LanguageSkill.speaks(Set.of("pt-BR"), "pt-BR")).isTrue();
    assertThat(LanguageSkill.speaks(Set.of("pl"), "pt")).isFalse();
  }
}
