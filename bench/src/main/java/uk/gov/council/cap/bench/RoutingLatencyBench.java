package uk.gov.council.cap.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import uk.gov.council.cap.server.CapServer;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.sites.OpeningHours;
import uk.gov.council.cap.server.sites.Site;
import uk.gov.council.cap.server.staff.Role;

/**
 * Benchmark 1: with 200 kiosks and 50 advisors connected to the real server, the time from a
 * kiosk's {@code call.request} leaving the kiosk to the {@code call.offer} reaching an advisor,
 * against a bare WebSocket round trip measured in the same run.
 */
final class RoutingLatencyBench {
  static final int KIOSKS = 200;
  static final int ADVISORS = 50;
  static final int WARM_UP = 500;
  static final int MEASURED = 3000;

  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<String, Long> requestSentAt = new ConcurrentHashMap<>();
  private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger offers = new AtomicInteger();
  private final CountDownLatch done = new CountDownLatch(1);
  private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
  private volatile boolean running = true;

  List<Stats> run() throws Exception {
    CapServer server =
        CapServer.start(
            ServerConfig.defaults()
                .withPort(0)
                .withDataDir(Files.createTempDirectory("cap-bench"))
                .withTimings(
                    Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(30)));
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
      IntStream.range(0, ADVISORS)
          .parallel()
          .forEach(
              i ->
                  repos
                      .staff()
                      .create(
                          "advisor" + i,
                          "Advisor " + i,
                          Role.ADVISOR,
                          Set.of("general"),
                          "bench-password-" + i));
      System.out.println(
          "Created " + KIOSKS + " kiosks and " + ADVISORS + " advisors; connecting…");

      String ws = server.baseUrl().replace("http", "ws");
      List<BenchSocket> sockets = new ArrayList<>();
      List<String> cookies =
          IntStream.range(0, ADVISORS)
              .parallel()
              .mapToObj(i -> signIn(server.baseUrl(), i))
              .toList();
      for (String cookie : cookies) {
        BenchSocket[] self = new BenchSocket[1];
        self[0] =
            new BenchSocket(
                http,
                URI.create(ws + "/ws/console"),
                Map.of("Cookie", cookie, "Origin", server.baseUrl()),
                (type, p) -> advisorHears(self[0], type, p));
        sockets.add(self[0]);
      }
      List<BenchSocket> kioskSockets = new ArrayList<>();
      for (KioskRepository.Enrolled k : kiosks) {
        String name = k.kiosk().name();
        BenchSocket[] self = new BenchSocket[1];
        self[0] =
            new BenchSocket(
                http,
                URI.create(ws + "/ws/kiosk"),
                Map.of("Authorization", "Kiosk " + k.kiosk().id() + ":" + k.secret()),
                (type, p) -> kioskHears(self[0], name, type));
        kioskSockets.add(self[0]);
      }
      sockets.forEach(s -> s.send("advisor.status", Map.of("status", "AVAILABLE")));
      Thread.sleep(500);
      System.out.println(
          "Connected. Driving calls (" + WARM_UP + " warm-up, " + MEASURED + " measured)…");
      for (int i = 0; i < kioskSockets.size(); i++) {
        BenchSocket k = kioskSockets.get(i);
        String name = kiosks.get(i).kiosk().name();
        timers.schedule(
            () -> request(k, name),
            ThreadLocalRandom.current().nextInt(3000),
            TimeUnit.MILLISECONDS);
      }
      if (!done.await(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("Benchmark did not finish; offers so far: " + offers.get());
      }
      running = false;
      Stats routing =
          Stats.of(
              "call.request -> call.offer (200 kiosks, 50 advisors)",
              latencies.subList(0, MEASURED));
      sockets.forEach(BenchSocket::close);
      kioskSockets.forEach(BenchSocket::close);
      Stats echo = bareRoundTrips();
      return List.of(routing, echo);
    } finally {
      timers.shutdownNow();
      server.close();
    }
  }

  private void request(BenchSocket kiosk, String name) {
    if (!running) {
      return;
    }
    requestSentAt.put(name, System.nanoTime());
    kiosk.send("call.request", Map.of());
  }

  private void kioskHears(BenchSocket kiosk, String name, String type) {
    if (type.equals("call.ended") || type.equals("call.unavailable")) {
      // A resident comes back a while later; keeps the advisors mostly free, so this measures
      // routing, not queueing.
      timers.schedule(
          () -> request(kiosk, name),
          1000 + ThreadLocalRandom.current().nextInt(2000),
          TimeUnit.MILLISECONDS);
    }
  }

  private void advisorHears(
      BenchSocket advisor, String type, com.fasterxml.jackson.databind.JsonNode p) {
    switch (type) {
      case "call.offer" -> {
        long now = System.nanoTime();
        Long sent = requestSentAt.remove(p.path("kioskName").asText());
        int n = offers.incrementAndGet();
        if (sent != null && n > WARM_UP) {
          latencies.add(now - sent);
          if (latencies.size() == MEASURED) {
            done.countDown();
          }
        }
        advisor.send("call.accept", Map.of("callId", p.path("callId").asText()));
      }
      case "call.connected" ->
          advisor.send("call.hangup", Map.of("callId", p.path("callId").asText()));
      case "call.ended" -> advisor.send("advisor.status", Map.of("status", "AVAILABLE"));
      default -> {
        // queue snapshots and state updates are not part of the measurement
      }
    }
  }

  private String signIn(String baseUrl, int i) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(baseUrl + "/api/session"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          new ObjectMapper()
                              .writeValueAsString(
                                  Map.of(
                                      "username",
                                      "advisor" + i,
                                      "password",
                                      "bench-password-" + i))))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      String c = r.headers().firstValue("Set-Cookie").orElseThrow();
      return c.substring(0, c.indexOf(';'));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The baseline: a bare WebSocket echo on the same machine, same JVM, same client library. */
  private Stats bareRoundTrips() throws Exception {
    Javalin echo = Javalin.create(c -> c.showJavalinBanner = false);
    echo.ws("/echo", ws -> ws.onMessage(ctx -> ctx.send(ctx.message())));
    echo.start("127.0.0.1", 0);
    try {
      List<Long> rtts = new ArrayList<>();
      java.util.concurrent.LinkedBlockingQueue<Long> back =
          new java.util.concurrent.LinkedBlockingQueue<>();
      BenchSocket s =
          new BenchSocket(
              http,
              URI.create("ws://127.0.0.1:" + echo.port() + "/echo"),
              Map.of(),
              (type, p) -> back.offer(System.nanoTime()));
      for (int i = 0; i < WARM_UP + MEASURED; i++) {
        long t0 = System.nanoTime();
        s.send("ping", Map.of("n", i));
        Long t1 = back.poll(5, TimeUnit.SECONDS);
        if (t1 == null) {
          throw new IllegalStateException("Echo did not answer");
        }
        if (i >= WARM_UP) {
          rtts.add(t1 - t0);
        }
      }
      s.close();
      return Stats.of("bare WebSocket echo round trip", rtts);
    } finally {
      echo.stop();
    }
  }
}
