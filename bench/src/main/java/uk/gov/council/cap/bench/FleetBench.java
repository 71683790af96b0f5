package uk.gov.council.cap.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import uk.gov.council.cap.server.CapServer;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.sites.OpeningHours;
import uk.gov.council.cap.server.sites.Site;
import uk.gov.council.cap.server.staff.Role;

/**
 * Benchmark 7: the fleet with 500 kiosks connected to the real server, each reporting three devices
 * and a self-test: how long the Fleet page's data takes to load, and how long from a kiosk
 * reporting a fault (printer out of paper) to the alert being on the Fleet page.
 */
final class FleetBench {
  static final int KIOSKS = 500;
  static final int PAGE_LOADS = 60;
  static final int FAULTS = 30;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  record Result(
      Stats pageLoad, Stats faultToAlert, double heartbeatsPerSecond, double selfTestsPerSecond) {}

  Result run() throws Exception {
    CapServer server =
        CapServer.start(
            ServerConfig.defaults()
                .withPort(0)
                .withDataDir(Files.createTempDirectory("cap-bench-fleet"))
                .withFleet(new ServerConfig.Fleet(Duration.ofSeconds(90), Duration.ofMillis(500))));
    try {
      var repos = server.repositories();
      Site site =
          repos
              .sites()
              .create(
                  "Bench Library",
                  "01632 960 000",
                  ZoneId.of("Europe/London"),
                  OpeningHours.parse("Mon-Sun 00:00-24:00"),
                  List.of("general"),
                  List.of(),
                  120);
      List<KioskRepository.Enrolled> kiosks =
          IntStream.range(0, KIOSKS)
              .mapToObj(i -> repos.kiosks().create("kiosk-" + i, site.id()))
              .toList();
      repos
          .staff()
          .create("tech", "Bench Technician", Role.TECHNICIAN, Set.of(), "bench-password-tech");
      String cookie = signIn(server.baseUrl());
      String ws = server.baseUrl().replace("http", "ws");
      List<BenchSocket> sockets = new ArrayList<>();
      for (KioskRepository.Enrolled k : kiosks) {
        sockets.add(
            new BenchSocket(
                http,
                URI.create(ws + "/ws/kiosk"),
                Map.of("Authorization", "Kiosk " + k.kiosk().id() + ":" + k.secret()),
                (type, p) -> {}));
      }
      System.out.println("Connected " + KIOSKS + " kiosks; each sends heartbeats and a self-test…");
      long started = System.nanoTime();
      sockets.parallelStream().forEach(s -> s.send("kiosk.heartbeat", heartbeat("READY")));
      awaitOnline(server.baseUrl(), cookie, KIOSKS);
      double heartbeatsPerSecond = KIOSKS / ((System.nanoTime() - started) / 1e9);

      started = System.nanoTime();
      kiosks.parallelStream()
          .forEach(
              k ->
                  post(
                      server.baseUrl() + "/api/kiosk/self-test",
                      "Kiosk " + k.kiosk().id() + ":" + k.secret(),
                      Map.of(
                          "checks",
                          List.of(
                              Map.of(
                                  "check", "Scanner", "passed", true, "detail", "Ready", "fix", ""),
                              Map.of(
                                  "check", "Printer", "passed", true, "detail", "Ready", "fix", ""),
                              Map.of(
                                  "check", "Network", "passed", true, "detail", "12 ms", "fix",
                                  "")))));
      double selfTestsPerSecond = KIOSKS / ((System.nanoTime() - started) / 1e9);

      List<Long> loads = new ArrayList<>();
      for (int i = 0; i < PAGE_LOADS + 10; i++) {
        long t = System.nanoTime();
        JsonNode fleet = get(server.baseUrl() + "/api/fleet", cookie);
        long took = System.nanoTime() - t;
        if (fleet.path("kiosks").size() != KIOSKS) {
          throw new IllegalStateException(
              "the fleet page lists " + fleet.path("kiosks").size() + " kiosks");
        }
        if (i >= 10) {
          loads.add(took);
        }
      }

      Thread.sleep(600);
      List<Long> alerts = new ArrayList<>();
      for (int i = 0; i < FAULTS; i++) {
        BenchSocket s = sockets.get(i * 7);
        long t = System.nanoTime();
        s.send("kiosk.heartbeat", heartbeat("OUT_OF_PAPER"));
        int expected = i + 1;
        while (get(server.baseUrl() + "/api/fleet", cookie).path("alerts").size() < expected) {
          Thread.sleep(5);
        }
        alerts.add(System.nanoTime() - t);
      }
      sockets.forEach(BenchSocket::close);
      return new Result(
          Stats.of("fleet page data, " + KIOSKS + " kiosks (GET /api/fleet)", loads),
          Stats.of("kiosk reports a fault -> alert on the fleet page", alerts),
          heartbeatsPerSecond,
          selfTestsPerSecond);
    } finally {
      server.close();
    }
  }

  private static Map<String, Object> heartbeat(String printer) {
    return Map.of(
        "appVersion",
        "0.1.0",
        "state",
        "idle",
        "devices",
        List.of(
            Map.of("device", "scanner", "state", "READY", "simulated", false),
            Map.of("device", "printer", "state", printer, "simulated", false, "detail", "Tray 1"),
            Map.of("device", "document_camera", "state", "READY", "simulated", false)));
  }

  private void awaitOnline(String base, String cookie, int count) throws Exception {
    while (true) {
      int online = 0;
      for (JsonNode k : get(base + "/api/fleet", cookie).path("kiosks")) {
        if (k.path("online").asBoolean() && k.path("devices").size() == 3) {
          online++;
        }
      }
      if (online == count) {
        return;
      }
      Thread.sleep(20);
    }
  }

  private JsonNode get(String url, String cookie) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    return json.readTree(r.body());
  }

  private void post(String url, String authorization, Object body) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url))
                  .header("Authorization", authorization)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 201) {
        throw new IllegalStateException("self-test refused: " + r.body());
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String signIn(String baseUrl) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/api/session"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        json.writeValueAsString(
                            Map.of("username", "tech", "password", "bench-password-tech"))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String c = r.headers().firstValue("Set-Cookie").orElseThrow();
    return c.substring(0, c.indexOf(';'));
  }
}
