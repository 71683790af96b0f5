package uk.gov.council.cap.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.testing.TestServer;
import uk.gov.council.cap.server.testing.WsClient;

/**
 * Outside opening hours, or with nobody signed in, the kiosk is told plainly and given the phone
 * number.
 */
class AvailabilityTest {
  private final TestServer server = new TestServer();

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void aClosedSiteSaysSoWithItsHoursAndPhoneNumber() {
    server.staff("alex", Role.ADVISOR, Set.of("general"));
    try (WsClient advisor = server.consoleSocket(server.signIn("alex"));
        WsClient k =
            server.kioskSocket(server.kiosk("Kiosk", server.closedSite("Night library")))) {
      advisor.await("advisor.state");
      k.send("call.request", Map.of());
      JsonNode u = k.await("call.unavailable");
      assertThat(u.path("reason").asText()).isEqualTo("closed");
      assertThat(u.path("phone").asText()).isEqualTo("01632 960 002");
      assertThat(u.path("openingHours").asText()).isEqualTo("Sun 03:00-03:01");
      assertThat(u.path("message").asText()).contains("closed");
    }
  }

  @Test
  void withNoAdvisorSignedInTheResidentIsNotQueuedForEver() {
    try (WsClient k =
        server.kioskSocket(
            server.kiosk("Kiosk", server.openSite("Library", List.of("general"), List.of())))) {
      k.send("call.request", Map.of());
      JsonNode u = k.await("call.unavailable");
      assertThat(u.path("reason").asText()).isEqualTo("no_advisors");
      assertThat(u.path("phone").asText()).isEqualTo("01632 960 001");
      assertThat(k.seen()).noneMatch(m -> m.path("type").asText().equals("call.queued"));
    }
  }
}
