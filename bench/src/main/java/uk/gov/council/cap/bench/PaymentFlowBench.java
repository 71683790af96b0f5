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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import uk.gov.council.cap.server.CapServer;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.sites.OpeningHours;
import uk.gov.council.cap.server.sites.Site;
import uk.gov.council.cap.server.staff.Role;

/**
 * Benchmark 4: card payments through the real server with the simulated reader set to decide at once, so the
 * figures are this software's own overhead (REST, database, the payments thread, the sockets, the receipt):
 * with {@link #CALLS} calls paying at the same time, the time from the advisor's request to the kiosk showing it,
 * from "Pay" to the reader waiting, from the card tap to "Payment accepted" on the advisor's screen, and from
 * there to the sealed receipt stored on the case.
 */
final class PaymentFlowBench {
  static final int CALLS = 10;
  static final int PAYMENTS_PER_CALL = 30;
  static final int WARM_UP_PER_CALL = 3;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  record Result(Stats requested, Stats waiting, Stats accepted, Stats receipt, double paymentsPerSecond) {}

  private record Msg(String type, JsonNode payload, long at) {}

  private final class Party {
    final BlockingQueue<Msg> inbox = new LinkedBlockingQueue<>();
    final BenchSocket socket;

    Party(URI uri, Map<String, String> headers) {
      socket = new BenchSocket(http, uri, headers, (type, p) -> inbox.add(new Msg(type, p, System.nanoTime())));
    }

    Msg await(String type, Predicate<JsonNode> matching) throws InterruptedException {
      while (true) {
        Msg m = inbox.poll(20, TimeUnit.SECONDS);
        if (m == null) throw new IllegalStateException("No " + type + " within 20 s");
        if (m.type().equals(type) && matching.test(m.payload())) return m;
      }
    }
  }

  Result run() throws Exception {
    ServerConfig defaults = ServerConfig.defaults();
    CapServer server = CapServer.start(defaults.withPort(0).withDataDir(Files.createTempDirectory("cap-bench-pay"))
        .withTimings(Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(30))
        .withPayments(new ServerConfig.Payments(java.util.Optional.empty(), "", java.util.Optional.empty(), 100_000,
            java.util.Optional.empty(), defaults.payments().pollInterval(), Duration.ZERO)));
    try {
      var repos = server.repositories();
      Site site = repos.sites().create("Bench Library", "01632 960 000", ZoneId.of("Europe/London"),
          OpeningHours.parse("Mon-Sun 00:00-24:00"), List.of("general"), List.of(), 120);
      String ws = server.baseUrl().replace("http", "ws");
      List<Long> requested = Collections.synchronizedList(new ArrayList<>());
      List<Long> waiting = Collections.synchronizedList(new ArrayList<>());
      List<Long> accepted = Collections.synchronizedList(new ArrayList<>());
      List<Long> receipt = Collections.synchronizedList(new ArrayList<>());
      ExecutorService pool = Executors.newFixedThreadPool(CALLS);
      List<Future<?>> calls = new ArrayList<>();
      long[] measuredStart = new long[1];
      for (int i = 0; i < CALLS; i++) {
        int n = i;
        KioskRepository.Enrolled kiosk = repos.kiosks().create("kiosk-" + n, site.id());
        repos.staff().create("payer" + n, "Advisor " + n, Role.ADVISOR, Set.of("general"), "bench-password-" + n);
        calls.add(pool.submit(() -> {
          String[] session = signIn(server.baseUrl(), "payer" + n, "bench-password-" + n);
          Party advisor = new Party(URI.create(ws + "/ws/console"), Map.of("Cookie", session[0], "Origin", server.baseUrl()));
          Party k = new Party(URI.create(ws + "/ws/kiosk"), Map.of("Authorization", "Kiosk " + kiosk.kiosk().id() + ":" + kiosk.secret()));
          k.await("kiosk.config", p -> true);
          advisor.socket.send("advisor.status", Map.of("status", "AVAILABLE"));
          advisor.await("advisor.state", p -> p.path("status").asText().equals("AVAILABLE"));
          k.socket.send("call.request", Map.of());
          String callId = advisor.await("call.offer", p -> true).payload().path("callId").asText();
          advisor.socket.send("call.accept", Map.of("callId", callId));
          k.await("call.connected", p -> true);
          for (int j = 0; j < WARM_UP_PER_CALL + PAYMENTS_PER_CALL; j++) {
            boolean measure = j >= WARM_UP_PER_CALL;
            long t0 = System.nanoTime();
            String paymentId = post(server.baseUrl() + "/api/calls/" + callId + "/payments", session,
                Map.of("itemId", "garden-waste")).path("paymentId").asText();
            Msg shown = k.await("payment.updated", p -> p.path("paymentId").asText().equals(paymentId));
            long t1 = System.nanoTime();
            k.socket.send("payment.pay", Map.of("paymentId", paymentId));
            Msg ready = k.await("payment.updated", p -> p.path("status").asText().equals("WAITING_FOR_CARD"));
            long t2 = System.nanoTime();
            k.socket.send("payment.test_card", Map.of("paymentId", paymentId, "card", "approved"));
            Msg paid = advisor.await("payment.updated", p -> p.path("paymentId").asText().equals(paymentId)
                && p.path("status").asText().equals("SUCCEEDED"));
            Msg stored = advisor.await("payment.updated", p -> p.path("paymentId").asText().equals(paymentId)
                && p.has("receiptDocumentId"));
            if (measure) {
              requested.add(shown.at() - t0);
              waiting.add(ready.at() - t1);
              accepted.add(paid.at() - t2);
              receipt.add(stored.at() - paid.at());
            }
            if (j == WARM_UP_PER_CALL - 1) synchronized (measuredStart) { if (measuredStart[0] == 0) measuredStart[0] = System.nanoTime(); }
          }
          return null;
        }));
      }
      for (Future<?> f : calls) f.get();
      double seconds = (System.nanoTime() - measuredStart[0]) / 1e9;
      pool.shutdown();
      return new Result(Stats.of("advisor asks -> kiosk shows the amount", requested),
          Stats.of("resident presses Pay -> reader waiting", waiting),
          Stats.of("card tapped -> advisor sees accepted", accepted),
          Stats.of("accepted -> sealed receipt on the case", receipt),
          CALLS * PAYMENTS_PER_CALL / seconds);
    } finally {
      server.close();
    }
  }

  /** Signs in; returns the session cookie and the CSRF token. */
  private String[] signIn(String baseUrl, String username, String password) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/session"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", username, "password", password))))
        .build(), HttpResponse.BodyHandlers.ofString());
    String c = r.headers().firstValue("Set-Cookie").orElseThrow();
    return new String[] {c.substring(0, c.indexOf(';')), JSON.readTree(r.body()).path("csrfToken").asText()};
  }

  private JsonNode post(String url, String[] session, Object body) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .header("Cookie", session[0]).header("X-CSRF-Token", session[1])
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) throw new IllegalStateException("Payment refused: " + r.body());
    return JSON.readTree(r.body());
  }
}
