package uk.gov.council.cap.server.sites;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.testing.Api;
import uk.gov.council.cap.server.testing.TestServer;
import uk.gov.council.cap.server.testing.WsClient;

/** Opening hours and the phone number are configured per site, and kiosks follow at once. */
class SiteSettingsTest {
  private final TestServer server = new TestServer();

  @AfterEach
  void tearDown() {
    server.close();
  }

  private static Map<String, Object> settings(String hours, String phone) {
    return Map.of(
        "name",
        "Ampthill Library",
        "phone",
        phone,
        "timeZone",
        "Europe/London",
        "openingHours",
        hours,
        "themes",
        List.of("general"),
        "enquiryThemes",
        List.of(),
        "idleTimeoutSeconds",
        90);
  }

  @Test
  void anAdministratorChangesASitesHoursAndPhoneAndItsKiosksFollowAtOnce() {
    Site site = server.openSite("Ampthill Library", List.of("general"), List.of());
    server.staff("ada", Role.ADMIN, Set.of());
    server.staff("alex", Role.ADVISOR, Set.of("general"));
    Api admin = server.signIn("ada");
    try (WsClient advisor = server.consoleSocket(server.signIn("alex"));
        WsClient k = server.kioskSocket(server.kiosk("Kiosk", site))) {
      advisor.await("advisor.state");
      assertThat(k.await("kiosk.config").path("phone").asText()).isEqualTo("01632 960 001");

      Api.Response r =
          admin.put("/api/sites/" + site.id(), settings("Sun 03:00-03:01", "01632 960 999"));
      assertThat(r.status()).isEqualTo(200);
      JsonNode pushed = k.await("kiosk.config");
      assertThat(pushed.path("phone").asText()).isEqualTo("01632 960 999");
      assertThat(pushed.path("openingHours").asText()).isEqualTo("Sun 03:00-03:01");
      assertThat(pushed.path("idleTimeoutSeconds").asInt()).isEqualTo(90);

      k.send("call.request", Map.of());
      JsonNode closed = k.await("call.unavailable");
      assertThat(closed.path("reason").asText()).isEqualTo("closed");
      assertThat(closed.path("phone").asText()).isEqualTo("01632 960 999");
    }
  }

  @Test
  void settingsThatDoNotMakeSenseAreRefusedAndOnlyAdminsAndTechniciansMayChangeThem() {
    Site site = server.openSite("Ampthill Library", List.of("general"), List.of());
    server.staff("ada", Role.ADMIN, Set.of());
    server.staff("alex", Role.ADVISOR, Set.of("general"));
    Api.Response bad =
        server.signIn("ada").put("/api/sites/" + site.id(), settings("9 to 5", "call us"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().path("details").path("openingHours").asText())
        .contains("Mon-Fri 09:00-17:00");
    assertThat(bad.body().path("details").has("phone")).isTrue();
    assertThat(
            server
                .signIn("alex")
                .put("/api/sites/" + site.id(), settings("Mon-Fri 09:00-17:00", "01632 960 000"))
                .status())
        .isEqualTo(403);
    assertThat(server.server().repositories().sites().find(site.id()).orElseThrow().phone())
        .isEqualTo("01632 960 001");
  }
}
