package uk.gov.council.cap.bench;

import java.nio.file.Files;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import uk.gov.council.cap.server.CapServer;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.sites.OpeningHours;
import uk.gov.council.cap.server.sites.Site;

/**
 * Benchmark 4: card payments through the real server with the simulated reader set to decide at
 * once, so the figures are this software's own overhead (REST, database, the payments thread, the
 * sockets, the receipt): with {@link #CALLS} calls paying at the same time, the time from the
 * advisor's request to the kiosk showing it, from "Pay" to the reader waiting, from the card tap to
 * "Payment accepted" on the advisor's screen, and from there to the sealed receipt stored on the
 * case.
 */
final class PaymentFlowBench {
  static final int CALLS = 10;
  static final int PAYMENTS_PER_CALL = 30;
  static final int WARM_UP_PER_CALL = 3;

  record Result(
      Stats requested, Stats waiting, Stats accepted, Stats receipt, double paymentsPerSecond) {}

  Result run() throws Exception {
    ServerConfig defaults = ServerConfig.defaults();
    CapServer server =
        CapServer.start(
            defaults
                .withPort(0)
                .withDataDir(Files.createTempDirectory("cap-bench-pay"))
                .withTimings(Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(30))
                .withPayments(
                    new ServerConfig.Payments(
                        java.util.Optional.empty(),
                        "",
                        java.util.Optional.empty(),
                        100_000,
                        java.util.Optional.empty(),
                        defaults.payments().pollInterval(),
                        Duration.ZERO,
                        defaults.payments().readers())));
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
      List<Long> requested = Collections.synchronizedList(new ArrayList<>());
      List<Long> waiting = Collections.synchronizedList(new ArrayList<>());
      List<Long> accepted = Collections.synchronizedList(new ArrayList<>());
      List<Long> receipt = Collections.synchronizedList(new ArrayList<>());
      ExecutorService pool = Executors.newFixedThreadPool(CALLS);
      List<Future<?>> calls = new ArrayList<>();
      long[] measuredStart = new long[1];
      for (int i = 0; i < CALLS; i++) {
        int n = i;
        calls.add(
            pool.submit(
                () -> {
                  BenchCall call = new BenchCall(server, site.id(), "payer" + n);
                  for (int j = 0; j < WARM_UP_PER_CALL + PAYMENTS_PER_CALL; j++) {
                    boolean measure = j >= WARM_UP_PER_CALL;
                    long t0 = System.nanoTime();
                    String paymentId =
                        call.post(
                                "/api/calls/" + call.callId + "/payments",
                                Map.of("itemId", "garden-waste"),
                                201)
                            .path("paymentId")
                            .asText();
                    BenchCall.Msg shown =
                        call.kioskSocket.await(
                            "payment.updated", p -> p.path("paymentId").asText().equals(paymentId));
                    long t1 = System.nanoTime();
                    call.kioskSocket.socket.send("payment.pay", Map.of("paymentId", paymentId));
                    BenchCall.Msg ready =
                        call.kioskSocket.await(
                            "payment.updated",
                            p -> p.path("status").asText().equals("WAITING_FOR_CARD"));
                    long t2 = System.nanoTime();
                    call.kioskSocket.socket.send(
                        "payment.test_card", Map.of("paymentId", paymentId, "card", "approved"));
                    BenchCall.Msg paid =
                        call.advisor.await(
                            "payment.updated",
                            p ->
                                p.path("paymentId").asText().equals(paymentId)
                                    && p.path("status").asText().equals("SUCCEEDED"));
                    BenchCall.Msg stored =
                        call.advisor.await(
                            "payment.updated",
                            p ->
                                p.path("paymentId").asText().equals(paymentId)
                                    && p.has("receiptDocumentId"));
                    if (measure) {
                      requested.add(shown.at() - t0);
                      waiting.add(ready.at() - t1);
                      accepted.add(paid.at() - t2);
                      receipt.add(stored.at() - paid.at());
                    }
                    if (j == WARM_UP_PER_CALL - 1)
                      synchronized (measuredStart) {
                        if (measuredStart[0] == 0) measuredStart[0] = System.nanoTime();
                      }
                  }
                  return null;
                }));
      }
      for (Future<?> f : calls) f.get();
      double seconds = (System.nanoTime() - measuredStart[0]) / 1e9;
      pool.shutdown();
      return new Result(
          Stats.of("advisor asks -> kiosk shows the amount", requested),
          Stats.of("resident presses Pay -> reader waiting", waiting),
          Stats.of("card tapped -> advisor sees accepted", accepted),
          Stats.of("accepted -> sealed receipt on the case", receipt),
          CALLS * PAYMENTS_PER_CALL / seconds);
    } finally {
      server.close();
    }
  }
}
