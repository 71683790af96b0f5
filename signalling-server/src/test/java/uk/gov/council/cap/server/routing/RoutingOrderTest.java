package uk.gov.council.cap.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.sites.Site;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.testing.TestServer;
import uk.gov.council.cap.server.testing.WsClient;

/** Longest-waiting resident to the longest-idle advisor whose themes match. */
class RoutingOrderTest {
  private final TestServer server = new TestServer();

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void theLongestWaitingResidentGoesToTheLongestIdleAdvisor() throws Exception {
    Site site = server.openSite("Library", List.of("general"), List.of());
    KioskRepository.Enrolled first = server.kiosk("First kiosk", site);
    KioskRepository.Enrolled second = server.kiosk("Second kiosk", site);
    server.staff("ann", Role.ADVISOR, Set.of("general"));
    server.staff("bob", Role.ADVISOR, Set.of("general"));
    try (WsClient ann = server.consoleSocket(server.signIn("ann"));
        WsClient bob = server.consoleSocket(server.signIn("bob"));
        WsClient k1 = server.kioskSocket(first);
        WsClient k2 = server.kioskSocket(second)) {
      k1.await("kiosk.config");
      k2.await("kiosk.config");
      k1.send("call.request", Map.of());
      String firstCall = k1.await("call.queued").path("callId").asText();
      k2.send("call.request", Map.of());
      assertThat(k2.await("call.queued").path("position").asInt()).isEqualTo(2);

      // Bob becomes available first, so he has been idle longest when Ann joins him.
      bob.becomeAvailable();
      assertThat(bob.await("call.offer").path("callId").asText()).isEqualTo(firstCall);
      ann.becomeAvailable();
      assertThat(ann.await("call.offer").path("kioskName").asText()).isEqualTo("Second kiosk");
    }
  }

  @Test
  void onlyAdvisorsWhoseThemesMatchAreOfferedTheCall() {
    Site site = server.openSite("Library", List.of("general"), List.of("housing", "council-tax"));
    KioskRepository.Enrolled kiosk = server.kiosk("Kiosk", site);
    server.staff("tess", Role.ADVISOR, Set.of("council-tax"));
    server.staff("hal", Role.ADVISOR, Set.of("housing"));
    try (WsClient tess = server.consoleSocket(server.signIn("tess"));
        WsClient hal = server.consoleSocket(server.signIn("hal"));
        WsClient k = server.kioskSocket(kiosk)) {
      assertThat(k.await("kiosk.config").path("enquiryThemes").toString())
          .contains("housing", "council-tax");
      tess.send("advisor.status", Map.of("status", "AVAILABLE"));
      tess.await("advisor.state");
      hal.send("advisor.status", Map.of("status", "AVAILABLE"));
      hal.await("advisor.state");
      k.send("call.request", Map.of("theme", "housing"));
      assertThat(hal.await("call.offer").path("theme").asText()).isEqualTo("housing");
      // Tess's answer comes from the call desk after it routed the call: an offer to her would come
      // first.
      tess.send("advisor.status", Map.of("status", "AVAILABLE"));
      tess.expectNoneBefore("call.offer", "advisor.state");
    }
  }

  @Test
  void aThemeTheSiteDoesNotOfferIsRefusedWithAClearMessage() {
    Site site = server.openSite("Library", List.of("general"), List.of("housing"));
    KioskRepository.Enrolled kiosk = server.kiosk("Kiosk", site);
    try (WsClient k = server.kioskSocket(kiosk)) {
      k.send("call.request", Map.of("theme", "parking"));
      assertThat(k.await("error").path("message").asText()).contains("parking");
    }
  }
}
