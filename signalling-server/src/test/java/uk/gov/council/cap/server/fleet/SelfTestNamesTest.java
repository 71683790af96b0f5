package uk.gov.council.cap.server.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.testing.Api;
import uk.gov.council.cap.server.testing.Await;
import uk.gov.council.cap.server.testing.TestServer;

/**
 * A check named at length (a newer provisioning tool, say) is kept and still raises its alert,
 * which clears when the check passes again; a name past what the route takes is refused in plain
 * words, not with a 500.
 */
class SelfTestNamesTest {
  private static final String LONG_NAME =
      "Document camera on the second USB hub (rear panel)"; // 50 characters

  @Test
  void aLongCheckNameKeepsItsResultAndItsAlert() {
    try (TestServer server = new TestServer()) {
      KioskRepository.Enrolled k =
          server.kiosk("Library kiosk", server.openSite("Library", List.of("general"), List.of()));
      server.staff("tess", Role.TECHNICIAN, Set.of());
      Api kioskApi =
          new Api(server.url())
              .withHeader("Authorization", "Kiosk " + k.kiosk().id() + ":" + k.secret());

      Api.Response failed =
          kioskApi.post(
              "/api/kiosk/self-test",
              Map.of(
                  "checks",
                  List.of(
                      Map.of(
                          "check",
                          LONG_NAME,
                          "passed",
                          false,
                          "detail",
                          "Not found",
                          "fix",
                          "Plug it in"))));
      assertThat(failed.status()).as(failed.body().toString()).isEqualTo(201);
      Api tess = server.signIn("tess");
      JsonNode alert = FleetTest.awaitAlert(tess, a -> a.path("kind").asText().equals("self_test"));
      assertThat(alert.path("message").asText())
          .isEqualTo("Self-test failed: " + LONG_NAME + ": Not found");
      JsonNode row = FleetTest.awaitKiosk(tess, k.kiosk().id(), r -> !r.path("selfTest").isNull());
      assertThat(row.path("selfTest").path("checks").get(0).path("check").asText())
          .isEqualTo(LONG_NAME);

      assertThat(
              kioskApi
                  .post(
                      "/api/kiosk/self-test",
                      Map.of(
                          "checks",
                          List.of(
                              Map.of(
                                  "check", LONG_NAME, "passed", true, "detail", "Ready", "fix",
                                  ""))))
                  .status())
          .isEqualTo(201);
      Await.until("the alert to clear once the check passes", () -> selfTestAlerts(tess) == 0);
    }
  }

  @Test
  void aNameLongerThanTheRouteTakesIsRefusedInPlainWords() {
    try (TestServer server = new TestServer()) {
      KioskRepository.Enrolled k =
          server.kiosk("Library kiosk", server.openSite("Library", List.of("general"), List.of()));
      Api kioskApi =
          new Api(server.url())
              .withHeader("Authorization", "Kiosk " + k.kiosk().id() + ":" + k.secret());
      Api.Response refused =
          kioskApi.post(
              "/api/kiosk/self-test",
              Map.of(
                  "checks",
                  List.of(
                      Map.of("check", "x".repeat(61), "passed", false, "detail", "", "fix", ""))));
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.body().path("error").asText())
          .isEqualTo("Each check needs a name of 60 characters or fewer.");
    }
  }

  private static long selfTestAlerts(Api api) {
    return StreamSupport.stream(api.get("/api/fleet").body().path("alerts").spliterator(), false)
        .filter(a -> a.path("kind").asText().equals("self_test"))
        .count();
  }
}
