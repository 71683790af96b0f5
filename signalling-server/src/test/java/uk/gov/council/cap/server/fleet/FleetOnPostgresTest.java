package uk.gov.council.cap.server.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.sites.Site;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.testing.Api;
import uk.gov.council.cap.server.testing.TestServer;
import uk.gov.council.cap.server.testing.WsClient;

/** The fleet's tables and queries (V8) on a real PostgreSQL, as the scale path runs them. */
class FleetOnPostgresTest {

  @Test
  void heartbeatsSelfTestsAlertsDeviceSettingsAndRevokingWorkOnPostgres() {
    try (TestServer server = TestServer.onPostgres()) {
      Site site = server.openSite("Library", List.of("general"), List.of());
      KioskRepository.Enrolled k = server.kiosk("Library kiosk", site);
      server.staff("tess", Role.TECHNICIAN, Set.of());
      Api tess = server.signIn("tess");
      Api kioskApi =
          new Api(server.url())
              .withHeader("Authorization", "Kiosk " + k.kiosk().id() + ":" + k.secret());
      assertThat(
              kioskApi
                  .post(
                      "/api/kiosk/self-test",
                      Map.of(
                          "checks",
                          List.of(
                              Map.of(
                                  "check",
                                  "Printer",
                                  "passed",
                                  false,
                                  "detail",
                                  "Out of paper",
                                  "fix",
                                  "Put A4 paper in tray 1"))))
                  .status())
          .isEqualTo(201);
      assertThat(
              kioskApi
                  .post(
                      "/api/kiosk/self-test",
                      Map.of(
                          "checks",
                          List.of(
                              Map.of(
                                  "check", "Printer", "passed", true, "detail", "Ready", "fix",
                                  ""))))
                  .status())
          .isEqualTo(201);
      try (WsClient kiosk = server.kioskSocket(k)) {
        kiosk.await("kiosk.config");
        kiosk.send(
            "kiosk.heartbeat",
            Map.of(
                "appVersion",
                "0.1.0",
                "state",
                "idle",
                "devices",
                List.of(Map.of("device", "scanner", "state", "PAPER_JAM", "simulated", false))));
        JsonNode row =
            FleetTest.awaitKiosk(
                tess, k.kiosk().id(), r -> r.path("appVersion").asText().equals("0.1.0"));
        assertThat(row.path("selfTest").path("passed").asBoolean())
            .as("the latest self-test is the one shown")
            .isTrue();
        assertThat(
                FleetTest.awaitAlert(tess, a -> a.path("kind").asText().equals("device"))
                    .path("message")
                    .asText())
            .isEqualTo("Scanner: Paper jam");
        assertThat(
                tess.put("/api/kiosks/" + k.kiosk().id() + "/devices", Map.of("scanner", "test"))
                    .status())
            .isEqualTo(200);
        assertThat(kiosk.await("kiosk.config").path("devices").path("scanner").asText())
            .isEqualTo("test");
        assertThat(tess.get("/api/fleet").body().path("alerts").findValuesAsText("kind"))
            .doesNotContain("self_test");
        assertThat(tess.post("/api/kiosks/" + k.kiosk().id() + "/revoke", Map.of()).status())
            .isEqualTo(200);
      }
      assertThat(
              server
                  .signIn("tess")
                  .get("/api/fleet")
                  .body()
                  .path("kiosks")
                  .get(0)
                  .path("state")
                  .asText())
          .isEqualTo("revoked");
    }
  }
}
