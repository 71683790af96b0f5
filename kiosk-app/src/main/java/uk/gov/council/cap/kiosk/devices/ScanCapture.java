package uk.gov.council.cap.kiosk.devices;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.council.cap.devices.DeviceProblem;
import uk.gov.council.cap.devices.camera.Camera;
import uk.gov.council.cap.devices.scanner.ScanRequest;
import uk.gov.council.cap.devices.scanner.ScannedImage;
import uk.gov.council.cap.kiosk.link.Backoff;
import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.protocol.ProtocolCodec;

/**
 * Captures a scan the advisor asked for, when the resident presses "Scan" on the screen: drives the
 * scanner, then uploads every page; only when all are acknowledged does it tell the server the scan
 * is captured. A device fault or a failed upload is reported to the server and the screen, and
 * nothing partial is counted. The screen is told each step ({@code scan.progress}) so the resident
 * sees a progress indicator, not a frozen page. Pages go over HTTP and "captured" over the socket,
 * so when the socket is down "captured" waits for it (up to the upload's own limit) rather than
 * being lost: the server would otherwise hold the pages and wait for word that never comes.
 */
public final class ScanCapture implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScanCapture.class);
  private static final int DPI = 300;

  private final KioskDevices devices;
  private final CaptureSpool spool;
  private final PageUploader uploader;
  private final ProtocolCodec codec;
  private final Predicate<String> toServer;
  private final Consumer<String> toScreen;
  private final Duration reportWithin;
  private final Map<String, String> sourceOfScan = new ConcurrentHashMap<>();
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "scan-capture");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param toServer sends on the link to the server; false while the link is down
   * @param reportWithin how long "captured" waits for the link before the scan is given up as
   *     failed
   */
  public ScanCapture(
      KioskDevices devices,
      CaptureSpool spool,
      PageUploader uploader,
      ProtocolCodec codec,
      Predicate<String> toServer,
      Consumer<String> toScreen,
      Duration reportWithin) {
    this.devices = devices;
    this.spool = spool;
    this.uploader = uploader;
    this.codec = codec;
    this.toServer = toServer;
    this.toScreen = toScreen;
    this.reportWithin = reportWithin;
  }

  /**
   * Remembers where each requested scan should come from (the glass or the feeder), as the server
   * relays it.
   */
  public void observe(Envelope message) {
    if (message.type() == MessageType.SCAN_REQUESTED) {
      JsonNode p = message.payload();
      sourceOfScan.put(p.path("scanId").asText(), p.path("source").asText());
    }
  }

  public void capture(String scanId) {
    worker.execute(
        () -> {
          String asked = sourceOfScan.get(scanId);
          ScanRequest.Source source =
              "FEEDER".equals(asked) ? ScanRequest.Source.FEEDER : ScanRequest.Source.FLATBED;
          progress(scanId, "scanning", 0, 0, null);
          List<ScannedImage> pages;
          try {
            pages =
                "CAMERA".equals(asked)
                    ? List.of(fromCamera())
                    : devices
                        .scanner()
                        .scan(new ScanRequest(source, DPI, ScanRequest.Colour.COLOUR));
          } catch (DeviceProblem p) {
            failed(scanId, p.state().name(), p.getMessage());
            return;
          } catch (RuntimeException e) {
            LOG.error("Scanner failed", e);
            failed(scanId, "FAILED", "The scanner did not work. Nothing was saved; try again.");
            return;
          }
          // Each page is on disk (the spool) from capture until the server has it, and no longer.
          List<java.nio.file.Path> held = new java.util.ArrayList<>();
          try {
            for (int i = 0; i < pages.size(); i++) {
              held.add(spool.hold(scanId + "-" + (i + 1), pages.get(i).jpeg()));
            }
            for (int i = 0; i < pages.size(); i++) {
              progress(scanId, "uploading", i + 1, pages.size(), null);
              uploader.upload(scanId, i + 1, pages.get(i).jpeg(), pages.get(i).dpi());
              spool.release(held.get(i));
            }
          } catch (PageUploader.UploadFailed e) {
            failed(scanId, "FAILED", e.getMessage());
            return;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          } finally {
            held.forEach(spool::release);
          }
          if (!report(
              codec.encode(
                  MessageType.SCAN_CAPTURED, Map.of("scanId", scanId, "pages", pages.size())))) {
            failed(
                scanId,
                "FAILED",
                "The pages could not be sent to the advisor. Check the kiosk's network, then scan again.");
            return;
          }
          progress(scanId, "done", pages.size(), pages.size(), null);
        });
  }

  /**
   * Sends to the server, waiting for the link if it is down; false if it did not come back in time.
   */
  private boolean report(String message) {
    long deadline = System.nanoTime() + reportWithin.toNanos();
    Backoff backoff = new Backoff();
    while (!toServer.test(message)) {
      if (System.nanoTime() > deadline) {
        LOG.warn("The link to the server stayed down; the scan could not be reported as captured");
        return false;
      }
      try {
        Thread.sleep(Math.min(backoff.nextDelay().toMillis(), 2000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** A document held under the document camera: one still at the camera's best resolution. */
  private ScannedImage fromCamera() throws DeviceProblem {
    Camera.Capture c = devices.documentCamera().capture();
    // A document camera about 30 cm above an A4 sheet sees the page's long side across its frame's
    // height.
    int dpi = Math.max(50, Math.round(Math.max(c.width(), c.height()) / (297 / 25.4f)));
    return new ScannedImage(c.jpeg(), dpi);
  }

  public boolean simulated() {
    return devices.scanner().simulated();
  }

  private void failed(String scanId, String state, String message) {
    // Best effort: the resident is told either way, and the advisor can ask again.
    toServer.test(
        codec.encode(
            MessageType.SCAN_FAILED, Map.of("scanId", scanId, "state", state, "message", message)));
    progress(scanId, "failed", 0, 0, message);
  }

  private void progress(String scanId, String step, int page, int of, String message) {
    Map<String, Object> p = new java.util.LinkedHashMap<>();
    p.put("scanId", scanId);
    p.put("step", step);
    if (of > 0) {
      p.put("page", page);
      p.put("of", of);
    }
    if (message != null) p.put("message", message);
    toScreen.accept(codec.encode(MessageType.SCAN_PROGRESS, p));
  }

  /**
   * Waits until every capture already asked for has finished uploading (or given up); false on
   * timeout.
   */
  public boolean awaitIdle(java.time.Duration timeout) {
    try {
      worker.submit(() -> {}).get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (Exception e) {
      return true;
    }
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
