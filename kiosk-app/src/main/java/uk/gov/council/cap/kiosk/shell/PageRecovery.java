package uk.gov.council.cap.kiosk.shell;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.cef.handler.CefLoadHandler.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the kiosk page back when its renderer dies, hangs, or the page fails to load, so the page
 * reconnects to kiosk-app's {@code /bridge} and a call in progress can be resumed.
 *
 * <ul>
 *   <li>The renderer terminated (crashed, killed, out of memory): the page is loaded again after a
 *       short delay.
 *   <li>The page failed to load (say kiosk-app's UI was not answering yet): the same, with the
 *       delay doubling from 1 s to 30 s while it keeps failing. A cancelled load ({@code
 *       ERR_ABORTED}: a navigation the shell blocked, or one replaced by another) is not a failure.
 *   <li>The renderer hung: the shell asks the page to answer every few seconds; when it has not
 *       answered for {@code hangAfter}, the renderer processes are ended, which is then a
 *       terminated renderer as above.
 * </ul>
 *
 * The delay starts again from 1 s once the page has stayed up for {@link #STABLE}, so a page that
 * crashes as soon as it loads is retried ever more slowly rather than in a tight loop.
 */
final class PageRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(KioskShell.class);

  /** What the page writes to its console to show its renderer still runs scripts. */
  static final String ALIVE = "cap-shell-alive";

  static final String PING = "console.log('" + ALIVE + "')";
  static final Duration FIRST_DELAY = Duration.ofSeconds(1);
  static final Duration MAX_DELAY = Duration.ofSeconds(30);
  static final Duration STABLE = Duration.ofSeconds(30);

  /** The browser, as far as recovery needs it. */
  interface Page {
    void load(String url);

    void run(String script);

    /** Ends the page's renderer processes; how many there were. */
    int endRenderers();
  }

  /** Runs a task once, later. */
  interface Timer {
    void after(Duration delay, Runnable task);
  }

  private final String home;
  private final String origin;
  private final Page page;
  private final Timer timer;
  private final Duration hangAfter;
  private final LongSupplier nanos;
  private boolean reloadPending;
  private String recovering;
  private int failures;
  private long healthySince = -1;
  private long lastAlive;

  PageRecovery(String home, Page page, Timer timer, Duration hangAfter, LongSupplier nanos) {
    this.home = home;
    this.origin = KioskShell.originOf(home);
    this.page = page;
    this.timer = timer;
    this.hangAfter = hangAfter;
    this.nanos = nanos;
    this.lastAlive = nanos.getAsLong();
  }

  synchronized void renderProcessTerminated(String status, int errorCode) {
    LOG.warn(
        "The kiosk page's renderer ended ({}, code {}); loading the kiosk page again",
        status,
        errorCode);
    reloadSoon("its renderer ended (" + status + ")");
  }

  synchronized void loadFailed(boolean mainFrame, ErrorCode error, String errorText, String url) {
    if (!mainFrame || error == ErrorCode.ERR_ABORTED) {
      return;
    }
    LOG.warn(
        "The kiosk page failed to load from {} ({} {}); loading it again", url, error, errorText);
    reloadSoon("it failed to load (" + error + ")");
  }

  synchronized void loadStarted(boolean mainFrame) {
    if (mainFrame) {
      lastAlive = nanos.getAsLong();
    }
  }

  synchronized void loadEnded(boolean mainFrame, int httpStatus, String url) {
    if (!mainFrame) {
      return;
    }
    lastAlive = nanos.getAsLong();
    boolean ours = url != null && (url.equals(origin) || url.startsWith(origin + "/"));
    if (ours && httpStatus >= 200 && httpStatus < 300) {
      healthySince = nanos.getAsLong();
      if (recovering != null) {
        LOG.info("The kiosk page is back after {}", recovering);
        recovering = null;
      }
    }
  }

  /** Sees the page's console; true for the shell's own liveness answer (kept out of the log). */
  synchronized boolean consoleMessage(String message) {
    if (ALIVE.equals(message)) {
      lastAlive = nanos.getAsLong();
      return true;
    }
    return false;
  }

  /**
   * Called every few seconds: asks the page to answer, and ends a renderer that has stopped
   * answering.
   */
  synchronized void check() {
    if (reloadPending) {
      return;
    }
    long now = nanos.getAsLong();
    if (now - lastAlive > hangAfter.toNanos()) {
      LOG.warn(
          "The kiosk page has not answered for {} s; ending its renderer so it can be loaded again",
          Duration.ofNanos(now - lastAlive).toSeconds());
      lastAlive = now;
      if (page.endRenderers() == 0) {
        reloadSoon("it stopped answering");
      } else {
        recovering = "it stopped answering";
      }
      return;
    }
    page.run(PING);
  }

  private void reloadSoon(String why) {
    if (recovering == null) {
      recovering = why;
    }
    long now = nanos.getAsLong();
    if (healthySince >= 0 && now - healthySince >= STABLE.toNanos()) {
      failures = 0;
    }
    healthySince = -1;
    if (reloadPending) {
      return;
    }
    reloadPending = true;
    Duration delay = delay(failures++);
    timer.after(
        delay,
        () -> {
          synchronized (this) {
            reloadPending = false;
            lastAlive = nanos.getAsLong();
          }
          page.load(home);
        });
  }

  /** 1 s, 2 s, 4 s … up to 30 s for the n-th failure in a row (from 0). */
  static Duration delay(int failuresInARow) {
    long seconds = FIRST_DELAY.toSeconds() << Math.min(failuresInARow, 5);
    return seconds > MAX_DELAY.toSeconds() ? MAX_DELAY : Duration.ofSeconds(seconds);
  }
}
