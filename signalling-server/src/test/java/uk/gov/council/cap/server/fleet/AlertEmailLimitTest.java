package uk.gov.council.cap.server.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.sites.Site;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.testing.Api;
import uk.gov.council.cap.server.testing.Await;
import uk.gov.council.cap.server.testing.TestServer;

/**
 * A kiosk whose self-test flips between failing and passing raises an alert each time, but its
 * alerts send at most the configured number of emails an hour; every alert is still on the Fleet
 * page.
 */
class AlertEmailLimitTest {

  @Test
  void aFlappingKioskSendsAtMostItsAlertEmailsAnHourWhileAnotherKioskStillSendsItsOwn() {
    try (TestServer server =
        new TestServer(
            c ->
                c.withFleet(
                        new ServerConfig.Fleet(
                            Duration.ofSeconds(90),
                            Duration.ofSeconds(5),
                            Optional.of("it-desk@council.example")))
                    .withLimits(c.limits().withMail(3, 20, 2)))) {
      Site site = server.openSite("Library", List.of("general"), List.of());
      KioskRepository.Enrolled flapping = server.kiosk("Flapping kiosk", site);
      KioskRepository.Enrolled other = server.kiosk("Other kiosk", site);
      server.staff("tess", Role.TECHNICIAN, Set.of());
      Api tess = server.signIn("tess");
      Path outbox = server.dataDir().resolve("outbox");

      for (int i = 1; i <= 3; i++) {
        selfTest(server, flapping, false);
        int raised = i;
        Await.until(
            "alert " + i + " on the Fleet page",
            () -> openSelfTestAlerts(tess, "Flapping"),
            n -> n == 1);
        selfTest(server, flapping, true);
        Await.until(
            "alert " + raised + " cleared",
            () -> openSelfTestAlerts(tess, "Flapping"),
            n -> n == 0);
      }
      // The other kiosk's alert goes through the same mail queue, after the flapping kiosk's: once
      // its email is
      // written, any third email of the flapping kiosk would have been written before it.
      selfTest(server, other, false);
      List<String> mails =
          Await.until(
              "the other kiosk's alert email",
              () -> emails(outbox),
              all -> all.stream().anyMatch(m -> m.contains("Other kiosk")));
      assertThat(mails).filteredOn(m -> m.contains("Flapping kiosk")).hasSize(2);
    }
  }

  private static void selfTest(TestServer server, KioskRepository.Enrolled k, boolean passed) {
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
                                passed,
                                "detail",
                                passed ? "Ready" : "Out of paper",
                                "fix",
                                ""))))
                .status())
        .isEqualTo(201);
  }

  private static long openSelfTestAlerts(Api api, String kioskNamePrefix) {
    var fleet = api.get("/api/fleet").body();
    String kioskId = null;
    for (var k : fleet.path("kiosks")) {
      if (k.path("name").asText().startsWith(kioskNamePrefix)) kioskId = k.path("id").asText();
    }
    long n = 0;
    for (var a : fleet.path("alerts")) {
      if (a.path("kind").asText().equals("self_test") && a.path("kioskId").asText().equals(kioskId))
        n++;
    }
    return n;
  }

  private static List<String> emails(Path outbox) {
    if (!Files.exists(outbox)) return List.of();
    try (var files = Files.list(outbox)) {
      List<String> out = new ArrayList<>();
      for (var f : files.filter(p -> p.toString().endsWith(".eml")).toList())
        out.add(Files.readString(f));
      return out;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
