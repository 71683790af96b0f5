package uk.gov.council.cap.kiosk.fleet;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.council.cap.kiosk.devices.CaptureSpool;
import uk.gov.council.cap.kiosk.devices.ScanCapture;
import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.protocol.MessageType;

/**
 * Between residents, forgets the last one: when a call ends, waits for captured pages still
 * uploading (they are the council's record and must reach the case), then empties the work folder
 * and the browser's cookies, storage and cache. The screen clears its own page state when it
 * returns to the start.
 */
public final class SessionWipe implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SessionWipe.class);
  private final ScanCapture scans;
  private final CaptureSpool spool;
  private final Supplier<ScreenAccess> screen;
  private final Duration uploadGrace;
  private final Runnable afterWipe;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "session-wipe");
            t.setDaemon(true);
            return t;
          });
  private volatile boolean waitingForUploads;

  public SessionWipe(
      ScanCapture scans,
      CaptureSpool spool,
      Supplier<ScreenAccess> screen,
      Duration uploadGrace,
      Runnable afterWipe) {
    this.scans = scans;
    this.spool = spool;
    this.screen = screen;
    this.uploadGrace = uploadGrace;
    this.afterWipe = afterWipe;
  }

  public void observe(Envelope message) {
    if (message.type() == MessageType.CALL_ENDED) {
      worker.execute(this::wipe);
    }
  }

  /** Runs the wipe now and waits for it (tests, and kiosk-app's own shutdown). */
  public void wipeNow() {
    try {
      worker.submit(this::wipe).get();
    } catch (Exception e) {
      throw new IllegalStateException("The wipe failed", e);
    }
  }

  /**
   * Whether a wipe has started and is holding back until captured pages finish uploading. Tests
   * watch this to know the wipe is waiting, rather than waiting a while themselves and hoping it
   * has begun.
   */
  public boolean waitingForUploads() {
    return waitingForUploads;
  }

  private void wipe() {
    waitingForUploads = true;
    boolean uploaded;
    try {
      uploaded = scans.awaitIdle(uploadGrace);
    } finally {
      waitingForUploads = false;
    }
    if (!uploaded) {
      LOG.error(
          "Captured pages were still uploading after {} s; deleting them anyway so the next resident cannot"
              + " see them. The advisor was told the scan failed.",
          uploadGrace.toSeconds());
    }
    int files = spool.wipe();
    try {
      screen.get().wipeBrowser();
    } catch (RuntimeException e) {
      LOG.error("Could not clear the browser's data", e);
    }
    LOG.info("Wiped after the resident left ({} file(s) deleted)", files);
    afterWipe.run();
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
