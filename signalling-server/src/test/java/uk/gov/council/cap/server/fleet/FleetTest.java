package uk.gov.council.cap.server.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.sites.Site;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.testing.Api;
import uk.gov.council.cap.server.testing.Await;
import uk.gov.council.cap.server.testing.FakeClock;
import uk.gov.council.cap.server.testing.TestServer;
import uk.gov.council.cap.server.testing.WsClient;

/**
 * The fleet as a technician watches it: heartbeats, going offline, device alerts, config pushes and
 * revoking.
 */
class FleetTest {
  private static final Map<String, Object> WELL =
      Map.of(
          "appVersion",
          "0.1.0",
          "state",
          "idle",
          "devices",
          List.of(Map.of("device", "printer", "state", "READY", "simulated", true)));

  private static TestServer server(Duration offlineAfter, Duration minInterval) {
    return new TestServer(c -> c.withFleet(new ServerConfig.Fleet(offlineAfter, minInterval)));
  }

  /**
   * A server on a clock the test moves: time passes for the fleet's timers only when the test says
   * so.
   */
  private static TestServer server(FakeClock clock, ServerConfig.Fleet fleet) {
    return new TestServer(clock, c -> c.withFleet(fleet));
  }

  @Test
  void aKioskThatStopsSendingHeartbeatsGoesOfflineAndRaisesAnAlertDuringOpeningHours() {
    FakeClock clock = FakeClock.stopped();
    // Short, so the monitor looks often (a third of it, in real time); the kiosk's silence itself
    // only lasts as
    // long as the test moves the clock.
    Duration offlineAfter = Duration.ofSeconds(1);
    try (TestServer server =
        server(clock, new ServerConfig.Fleet(offlineAfter, Duration.ofMillis(100)))) {
      Site site = server.openSite("Ampthill Library", List.of("general"), List.of());
      KioskRepository.Enrolled k = server.kiosk("Ampthill kiosk", site);
      server.staff("tess", Role.TECHNICIAN, Set.of());
      Api tess = server.signIn("tess");
      try (WsClient kiosk = server.kioskSocket(k)) {
        kiosk.await("kiosk.config");
        kiosk.send("kiosk.heartbeat", WELL);
        JsonNode row =
            awaitKiosk(tess, k.kiosk().id(), r -> r.path("appVersion").asText().equals("0.1.0"));
        assertThat(row.path("online").asBoolean()).isTrue();
        assertThat(row.path("state").asText()).isEqualTo("idle");
        assertThat(row.path("siteName").asText()).isEqualTo("Ampthill Library");
        assertThat(row.path("devices").get(0).path("state").asText()).isEqualTo("READY");

        // Connected, but kiosk-app has stopped sending heartbeats (hung): once the clock passes
        // offlineAfter with
        // nothing heard, the kiosk is offline, and the monitor's next look raises an alert.
        clock.advance(offlineAfter.plusSeconds(1));
        JsonNode offline = awaitKiosk(tess, k.kiosk().id(), r -> !r.path("online").asBoolean());
        assertThat(offline.path("state").asText()).isEqualTo("offline");
        JsonNode alert = awaitAlert(tess, a -> a.path("kind").asText().equals("offline"));
        assertThat(alert.path("kioskName").asText()).isEqualTo("Ampthill kiosk");
        assertThat(alert.path("message").asText())
            .contains("has not been heard from since")
            .contains("during opening hours");

        kiosk.send("kiosk.heartbeat", WELL);
        awaitKiosk(tess, k.kiosk().id(), r -> r.path("online").asBoolean());
      }
      try (WsClient again = server.kioskSocket(k)) {
        again.await("kiosk.config");
        // Reconnecting clears the offline alert.
        Await.until("the offline alert to clear", () -> !hasAlert(tess, "offline"));
      }
    }
  }

  @Test
  void aPrinterOutOfPaperRaisesADeviceAlertThatClearsWhenItIsFixed() {
    FakeClock clock = FakeClock.stopped();
    Duration minInterval = Duration.ofSeconds(5);
    try (TestServer server =
        server(clock, new ServerConfig.Fleet(Duration.ofSeconds(30), minInterval))) {
      Site site = server.openSite("Library", List.of("general"), List.of());
      KioskRepository.Enrolled k = server.kiosk("Library kiosk", site);
      server.staff("tess", Role.TECHNICIAN, Set.of());
      Api tess = server.signIn("tess");
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
                List.of(
                    Map.of(
                        "device",
                        "printer",
                        "state",
                        "OUT_OF_PAPER",
                        "simulated",
                        false,
                        "detail",
                        "Tray 1 is empty"))));
        JsonNode alert = awaitAlert(tess, a -> a.path("kind").asText().equals("device"));
        assertThat(alert.path("message").asText())
            .isEqualTo("Printer: Out of paper (Tray 1 is empty)");
        // The alert shows the first heartbeat was taken; the next is due no sooner than minInterval
        // after it.
        clock.advance(minInterval);
        kiosk.send("kiosk.heartbeat", WELL);
        Await.until("the device alert to clear", () -> !hasAlert(tess, "device"));
      }
      assertThat(server.server().repositories().audit().latest("fleet.alert_raised", 5)).hasSize(1);
      assertThat(server.server().repositories().audit().latest("fleet.alert_cleared", 5))
          .hasSize(1);
    }
  }

  @Test
  void eachNewAlertIsEmailedToTheCouncilsChosenAddressOnce() {
    FakeClock clock = FakeClock.stopped();
    Duration minInterval = Duration.ofSeconds(5);
    try (TestServer server =
        server(
            clock,
            new ServerConfig.Fleet(
                Duration.ofSeconds(30),
                minInterval,
                java.util.Optional.of("it-desk@council.example")))) {
      Site site = server.openSite("Library", List.of("general"), List.of());
      KioskRepository.Enrolled k = server.kiosk("Library kiosk", site);
      server.staff("tess", Role.TECHNICIAN, Set.of());
      Api tess = server.signIn("tess");
      java.nio.file.Path outbox = server.dataDir().resolve("outbox");
      try (WsClient kiosk = server.kioskSocket(k)) {
        kiosk.await("kiosk.config");
        Map<String, Object> scanner =
            Map.of("device", "scanner", "state", "PAPER_JAM", "simulated", false);
        kiosk.send(
            "kiosk.heartbeat",
            Map.of("appVersion", "0.1.0", "state", "idle", "devices", List.of(scanner)));
        Await.until("the alert email", () -> emails(outbox), mails -> !mails.isEmpty());

        // Still jammed: the same alert, not a second email. Once the fleet page shows this
        // heartbeat was taken…
        clock.advance(minInterval);
        kiosk.send(
            "kiosk.heartbeat",
            Map.of("appVersion", "0.1.0", "state", "idle", "devices", List.of(scanner)));
        String stillJammedAt = clock.now().toString();
        awaitKiosk(tess, k.kiosk().id(), r -> r.path("lastSeen").asText().equals(stillJammedAt));
        // …a new alert follows it through the same mail queue: when its email is written, any
        // second email about
        // the jam would have been written before it. No waiting for a while in the hope that
        // nothing arrives.
        clock.advance(minInterval);
        kiosk.send(
            "kiosk.heartbeat",
            Map.of(
                "appVersion",
                "0.1.0",
                "state",
                "idle",
                "devices",
                List.of(
                    scanner,
                    Map.of("device", "printer", "state", "OUT_OF_PAPER", "simulated", false))));
        List<String> mails =
            Await.until(
                "the printer's alert email",
                () -> emails(outbox),
                all -> all.stream().anyMatch(m -> m.contains("Printer: Out of paper")));
        assertThat(mails).hasSize(2);
        assertThat(mails)
            .filteredOn(m -> m.contains("Scanner: Paper jam"))
            .singleElement()
            .satisfies(
                m ->
                    assertThat(m)
                        .contains("To: it-desk@council.example")
                        .contains("Subject: Kiosk alert: Library kiosk: Scanner: Paper jam")
                        .contains("See the Fleet page"));
      }
    }
  }

  private static List<String> emails(java.nio.file.Path outbox) {
    if (!java.nio.file.Files.exists(outbox)) {
      return List.of();
    }
    try (var files = java.nio.file.Files.list(outbox)) {
      List<String> out = new java.util.ArrayList<>();
      for (var f : files.filter(p -> p.toString().endsWith(".eml")).toList()) {
        out.add(java.nio.file.Files.readString(f));
      }
      return out;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aFloodOfHeartbeatsIsRefusedWithAClearErrorAndAuditedOnce() {
    try (TestServer server = server(Duration.ofSeconds(30), Duration.ofSeconds(5))) {
      Site site = server.openSite("Library", List.of("general"), List.of());
      KioskRepository.Enrolled k = server.kiosk("Library kiosk", site);
      try (WsClient kiosk = server.kioskSocket(k)) {
        kiosk.await("kiosk.config");
        kiosk.send("kiosk.heartbeat", WELL);
        for (int i = 0; i < 50; i++) {
          kiosk.send("kiosk.heartbeat", WELL);
        }
        JsonNode error = kiosk.await("error");
        assertThat(error.path("code").asText()).isEqualTo("too_many");
        assertThat(error.path("message").asText())
            .isEqualTo("Heartbeats are accepted at most once every 5 seconds.");
        assertThat(kiosk.isOpen()).as("the kiosk stays connected").isTrue();
      }
      var flood = server.server().repositories().audit().latest("kiosk.heartbeat_flood", 10);
      assertThat(flood).hasSize(1);
      assertThat(flood.get(0).detail()).contains("refused: more than one in 5 s");
    }
  }

  @Test
  void aBadHeartbeatIsRefusedAtTheEdge() {
    try (TestServer server = server(Duration.ofSeconds(30), Duration.ofMillis(100))) {
      Site site = server.openSite("Library", List.of("general"), List.of());
      KioskRepository.Enrolled k = server.kiosk("Library kiosk", site);
      try (WsClient kiosk = server.kioskSocket(k)) {
        kiosk.await("kiosk.config");
        kiosk.send(
            "kiosk.heartbeat",
            Map.of("appVersion", "0.1.0", "state", "dancing", "devices", List.of()));
        assertThat(kiosk.await("error").path("code").asText()).isEqualTo("invalid_payload");
      }
    }
  }

  @Test
  void revokingAKioskClosesItsConnectionAndRefusesItFromThenOn() {
    try (TestServer server = server(Duration.ofSeconds(30), Duration.ofMillis(100))) {
      Site site = server.openSite("Library", List.of("general"), List.of());
      KioskRepository.Enrolled k = server.kiosk("Library kiosk", site);
      server.staff("tess", Role.TECHNICIAN, Set.of());
      server.staff("alex", Role.ADVISOR, Set.of("general"));
      try (WsClient kiosk = server.kioskSocket(k)) {
        kiosk.await("kiosk.config");
        assertThat(
                server
                    .signIn("alex")
                    .post("/api/kiosks/" + k.kiosk().id() + "/revoke", Map.of())
                    .status())
            .isEqualTo(403);
        Api.Response revoked =
            server.signIn("tess").post("/api/kiosks/" + k.kiosk().id() + "/revoke", Map.of());
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(kiosk.awaitClose(Duration.ofSeconds(5))).isEqualTo(4403);
      }
      assertThatThrownBy(() -> server.kioskSocket(k)).as("a revoked kiosk cannot connect again");
      var refused = server.server().repositories().audit().latest("kiosk.revoked_refused", 5);
      assertThat(refused).isNotEmpty();
      assertThat(server.server().repositories().audit().latest("kiosk.revoked", 5)).hasSize(1);
      Api.Response selfTest =
          new Api(server.url())
              .withHeader("Authorization", "Kiosk " + k.kiosk().id() + ":" + k.secret())
              .send("GET", "/api/kiosk/self", null);
      assertThat(selfTest.status()).isEqualTo(401);
      JsonNode row = awaitKiosk(server.signIn("tess"), k.kiosk().id(), r -> true);
      assertThat(row.path("state").asText()).isEqualTo("revoked");
    }
  }

  @Test
  void aKioskPresentingAnotherKiosksIdentityIsRefusedAndAudited() {
    try (TestServer server = new TestServer()) {
      Site site = server.openSite("Library", List.of("general"), List.of());
      KioskRepository.Enrolled mine = server.kiosk("Kiosk A", site);
      KioskRepository.Enrolled other = server.kiosk("Kiosk B", site);
      assertThatThrownBy(() -> WsClient.kiosk(server.url(), other.kiosk().id(), mine.secret()));
      var failed = server.server().repositories().audit().latest("kiosk.auth_failed", 5);
      assertThat(failed).hasSize(1);
      assertThat(failed.get(0).detail()).startsWith("wrong secret for kiosk " + other.kiosk().id());
    }
  }

  @Test
  void deviceSettingsChangedInTheConsoleReachTheConnectedKioskAtOnce() {
    try (TestServer server = new TestServer()) {
      Site site = server.openSite("Library", List.of("general"), List.of());
      KioskRepository.Enrolled k = server.kiosk("Library kiosk", site);
      server.staff("tess", Role.TECHNICIAN, Set.of());
      Api tess = server.signIn("tess");
      try (WsClient kiosk = server.kioskSocket(k)) {
        assertThat(kiosk.await("kiosk.config").has("devices")).isFalse();
        Api.Response bad =
            tess.put(
                "/api/kiosks/" + k.kiosk().id() + "/devices", Map.of("printer", "lp; rm -rf /"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("details").path("printer").asText())
            .startsWith("Enter \"simulated\" or the CUPS");
        Api.Response ok =
            tess.put(
                "/api/kiosks/" + k.kiosk().id() + "/devices",
                Map.of("printer", "cap-pdf", "scanner", "simulated"));
        assertThat(ok.status()).isEqualTo(200);
        JsonNode config = kiosk.await("kiosk.config");
        assertThat(config.path("devices").path("printer").asText()).isEqualTo("cap-pdf");
        assertThat(config.path("devices").path("scanner").asText()).isEqualTo("simulated");
      }
    }
  }

  @Test
  void selfTestResultsAreKeptAndAFailureRaisesAnAlert() throws Exception {
    try (TestServer server = new TestServer()) {
      Site site = server.openSite("Library", List.of("general"), List.of());
      KioskRepository.Enrolled k = server.kiosk("Library kiosk", site);
      server.staff("tess", Role.TECHNICIAN, Set.of());
      Api kioskApi =
          new Api(server.url())
              .withHeader("Authorization", "Kiosk " + k.kiosk().id() + ":" + k.secret());
      Api.Response sent =
          kioskApi.post(
              "/api/kiosk/self-test",
              Map.of(
                  "checks",
                  List.of(
                      Map.of("check", "Scanner", "passed", true, "detail", "Ready", "fix", ""),
                      Map.of(
                          "check",
                          "Printer",
                          "passed",
                          false,
                          "detail",
                          "Out of paper",
                          "fix",
                          "Put A4 paper in tray 1"))));
      assertThat(sent.status()).isEqualTo(201);
      assertThat(sent.body().path("failed").asInt()).isEqualTo(1);
      JsonNode row =
          awaitKiosk(server.signIn("tess"), k.kiosk().id(), r -> !r.path("selfTest").isNull());
      assertThat(row.path("selfTest").path("passed").asBoolean()).isFalse();
      assertThat(row.path("selfTest").path("checks").get(1).path("fix").asText())
          .isEqualTo("Put A4 paper in tray 1");
      JsonNode alert =
          awaitAlert(server.signIn("tess"), a -> a.path("kind").asText().equals("self_test"));
      assertThat(alert.path("message").asText())
          .isEqualTo("Self-test failed: Printer: Out of paper");
      assertThat(
              new Api(server.url())
                  .post("/api/kiosk/self-test", Map.of("checks", List.of()))
                  .status())
          .isEqualTo(401);
      assertThat(kioskApi.post("/api/kiosk/self-test", Map.of("checks", List.of())).status())
          .isEqualTo(400);
    }
  }

  static JsonNode awaitKiosk(Api api, String kioskId, Predicate<JsonNode> matching) {
    return Await.until(
        "the fleet page to show kiosk " + kioskId + " as expected",
        () -> kioskRow(api, kioskId),
        r -> r != null && matching.test(r));
  }

  private static JsonNode kioskRow(Api api, String kioskId) {
    Api.Response fleet = api.get("/api/fleet");
    assertThat(fleet.status()).isEqualTo(200);
    for (JsonNode r : fleet.body().path("kiosks")) {
      if (r.path("id").asText().equals(kioskId)) {
        return r;
      }
    }
    return null;
  }

  static JsonNode awaitAlert(Api api, Predicate<JsonNode> matching) {
    JsonNode alerts =
        Await.until(
            "such an alert on the fleet page",
            () -> api.get("/api/fleet").body().path("alerts"),
            all -> stream(all).anyMatch(matching));
    return stream(alerts).filter(matching).findFirst().orElseThrow();
  }

  private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false);
  }

  private static boolean hasAlert(Api api, String kind) {
    for (JsonNode a : api.get("/api/fleet").body().path("alerts")) {
      if (a.path("kind").asText().equals(kind)) {
        return true;
      }
    }
    return false;
  }
}
