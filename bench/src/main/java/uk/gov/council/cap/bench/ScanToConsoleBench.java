package uk.gov.council.cap.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import uk.gov.council.cap.server.CapServer;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.sites.OpeningHours;
import uk.gov.council.cap.server.sites.Site;

/**
 * Benchmark 6: from a scanned A4 300 dpi colour page leaving the kiosk to the advisor's console
 * holding it at full resolution: the upload (checked, decoded, stored), {@code scan.captured}, the
 * advisor's {@code scan.updated}, and the advisor's browser fetching the page. The scanner's own
 * time is not included (it is the scanner's).
 */
final class ScanToConsoleBench {
  static final int WARM_UP = 5;
  static final int SAMPLES = 40;

  record Result(Stats upload, Stats toConsole) {}

  Result run() throws Exception {
    CapServer server =
        CapServer.start(
            ServerConfig.defaults()
                .withPort(0)
                .withDataDir(Files.createTempDirectory("cap-bench-scan"))
                .withTimings(
                    Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(30)));
    try {
      Site site =
          server
              .repositories()
              .sites()
              .create(
                  "Bench Library",
                  "01632 960 000",
                  ZoneId.of("Europe/London"),
                  OpeningHours.parse("Mon-Sun 00:00-24:00"),
                  List.of("general"),
                  List.of(),
                  120);
      BenchCall call = new BenchCall(server, site.id(), "scanner");
      byte[] page = ScanPdfBench.a4Colour300dpi();
      String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(page));
      List<Long> uploads = new ArrayList<>();
      List<Long> total = new ArrayList<>();
      for (int i = 0; i < WARM_UP + SAMPLES; i++) {
        String scanId =
            call.post(
                    "/api/calls/" + call.callId + "/scans",
                    Map.of("type", "PROOF_OF_ADDRESS", "source", "FLATBED"),
                    201)
                .path("scanId")
                .asText();
        call.kioskSocket.await("scan.requested", p -> p.path("scanId").asText().equals(scanId));
        long t0 = System.nanoTime();
        HttpResponse<String> r =
            call.http.send(
                HttpRequest.newBuilder(
                        URI.create(call.baseUrl + "/api/kiosk/scans/" + scanId + "/pages/1"))
                    .header("Authorization", call.kioskAuthorization())
                    .header("X-Content-SHA256", sha)
                    .header("X-Scan-DPI", "300")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(page))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) throw new IllegalStateException("Upload refused: " + r.body());
        long t1 = System.nanoTime();
        call.kioskSocket.socket.send("scan.captured", Map.of("scanId", scanId, "pages", 1));
        BenchCall.Msg captured =
            call.advisor.await(
                "scan.updated",
                p ->
                    p.path("scanId").asText().equals(scanId)
                        && p.path("status").asText().equals("CAPTURED"));
        byte[] seen = call.get(captured.payload().path("pages").get(0).path("url").asText());
        long t2 = System.nanoTime();
        if (seen.length != page.length)
          throw new IllegalStateException("The console got a different page");
        if (i >= WARM_UP) {
          uploads.add(t1 - t0);
          total.add(t2 - t0);
        }
      }
      return new Result(
          Stats.of("upload of one 1.6 MB page, checked and stored", uploads),
          Stats.of("page leaves the kiosk -> full page on the console", total));
    } finally {
      server.close();
    }
  }
}
