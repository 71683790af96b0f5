package uk.gov.council.cap.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.kiosk.screen.ScreenClient;

/**
 * Between residents the kiosk forgets them: pages still uploading when the call ends reach the
 * server first, and only then is the work folder emptied, leaving nothing behind.
 */
class SessionWipeTest {

  @Test
  void pagesStillUploadingWhenTheCallEndsAreUploadedFirstThenNothingIsLeft() throws Exception {
    Path work = Files.createTempDirectory("kiosk-wipe");
    CountDownLatch serverSlow = new CountDownLatch(1);
    ConcurrentLinkedQueue<String> uploaded = new ConcurrentLinkedQueue<>();
    try (StandInServer server = new StandInServer(0)) {
      server.app.put(
          "/api/kiosk/scans/{id}/pages/{n}",
          ctx -> {
            serverSlow.await(30, TimeUnit.SECONDS);
            uploaded.add(ctx.pathParam("n") + ":" + ctx.bodyAsBytes().length);
            ctx.status(201).result("{}");
          });
      try (KioskApp kiosk =
              KioskApp.start(
                  KioskConfig.from(
                      Map.of(
                          "CAP_SERVER_URL",
                          server.url(),
                          "CAP_KIOSK_ID",
                          "k1",
                          "CAP_KIOSK_SECRET",
                          "s3cret",
                          "CAP_KIOSK_UI_PORT",
                          "0",
                          "CAP_KIOSK_WORK_DIR",
                          work.toString()),
                      List.of("--headless")));
          ScreenClient screen = new ScreenClient(kiosk.uiUrl())) {
        screen.await("\"connected\":true", Duration.ofSeconds(10));
        server.sendToKiosk("{\"v\":1,\"type\":\"call.connected\",\"payload\":{\"callId\":\"c1\"}}");
        server.sendToKiosk(
            "{\"v\":1,\"type\":\"scan.requested\",\"payload\":{\"scanId\":\"s1\",\"source\":\"FEEDER\"}}");
        screen.await(
            "\"scan.requested\"",
            Duration.ofSeconds(10)); // the resident sees the request, then presses Scan
        screen.send(
            "{\"v\":1,\"type\":\"scan.capture\",\"id\":\"x1\",\"payload\":{\"scanId\":\"s1\"}}");

        // The simulated feeder gives two pages; they wait on disk while the server is slow to take
        // them.
        awaitFiles(kiosk.captureFolder(), 2);
        server.sendToKiosk(
            "{\"v\":1,\"type\":\"call.ended\",\"payload\":{\"callId\":\"c1\",\"reason\":\"advisor_hung_up\"}}");
        // The wipe has begun and is held back by the upload the server is sitting on: nothing can
        // be deleted yet.
        Await.until("the wipe to wait for the pages still uploading", kiosk::wipeWaitingForUploads);
        assertThat(files(kiosk.captureFolder()))
            .as("not wiped while the pages are still on their way")
            .hasSize(2);

        serverSlow.countDown();
        awaitFiles(kiosk.captureFolder(), 0);
        assertThat(uploaded).hasSize(2);
        assertThat(server.awaitReceived(Duration.ofSeconds(10)))
            .contains("\"scan.captured\"")
            .contains("\"pages\":2");
        kiosk.wipeNow();
        try (Stream<Path> left = Files.walk(work)) {
          assertThat(left.filter(Files::isRegularFile).toList())
              .as("files left in the kiosk's work folder")
              .isEmpty();
        }
      }
    }
  }

  private static List<Path> files(Path folder) throws Exception {
    try (Stream<Path> s = Files.list(folder)) {
      return s.toList();
    }
  }

  private static void awaitFiles(Path folder, int count) {
    Await.until(
        count + " file(s) in " + folder,
        () -> {
          try {
            return files(folder).size() == count;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }
}
