package uk.gov.council.cap.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import uk.gov.council.cap.kiosk.KioskApp;
import uk.gov.council.cap.kiosk.KioskConfig;

/**
 * A real kiosk-app in this JVM (headless, simulated devices), talking to whatever server URL it is
 * given (the server, or a {@link TcpProxy} in front of it), with its screen played by a {@link
 * ProtocolSocket} on the bridge.
 */
final class KioskUnderTest implements AutoCloseable {
  private final KioskApp app;
  private final ProtocolSocket screen;

  private KioskUnderTest(KioskApp app) {
    this.app = app;
    this.screen = ProtocolSocket.kioskScreen(app.uiUrl());
  }

  static KioskUnderTest start(String serverUrl, String kioskId, String kioskSecret) {
    try {
      Path work = Files.createTempDirectory("cap-kiosk");
      return new KioskUnderTest(
          KioskApp.start(
              KioskConfig.from(
                  Map.of(
                      "CAP_SERVER_URL",
                      serverUrl,
                      "CAP_KIOSK_ID",
                      kioskId,
                      "CAP_KIOSK_SECRET",
                      kioskSecret,
                      "CAP_KIOSK_UI_PORT",
                      "0",
                      "CAP_PRINTER_FOLDER",
                      work.resolve("printed").toString(),
                      "CAP_KIOSK_WORK_DIR",
                      work.resolve("work").toString()),
                  List.of("--headless"))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  KioskApp app() {
    return app;
  }

  ProtocolSocket screen() {
    return screen;
  }

  boolean linkUp() {
    return app.isLinkUp();
  }

  void awaitLinkUp(Duration limit) {
    Await.until("kiosk-app connected to the server", app::isLinkUp, limit);
  }

  /** The resident presses "Talk to an advisor"; returns the call id the server queued. */
  String requestCall() {
    int mark = screen.mark();
    screen.send("call.request", Map.of());
    return screen
        .awaitAfter(mark, "call.queued", p -> true, Duration.ofSeconds(20))
        .path("callId")
        .asText();
  }

  @Override
  public void close() {
    screen.close();
    app.close();
  }
}
