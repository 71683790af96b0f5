package uk.gov.council.cap.kiosk.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.cef.handler.CefLoadHandler.ErrorCode;
import org.junit.jupiter.api.Test;

/**
 * When the shell loads the kiosk page again, and how soon; a fake clock and timer stand in for
 * time.
 */
class PageRecoveryTest {
  private static final String HOME = "http://127.0.0.1:8081/";

  private final List<String> loads = new ArrayList<>();
  private final List<String> scripts = new ArrayList<>();
  private final List<Duration> delays = new ArrayList<>();
  private final List<Runnable> due = new ArrayList<>();
  private long now = 1_000_000_000L;
  private int renderers = 1;
  private int ended;

  private final PageRecovery recovery =
      new PageRecovery(
          HOME,
          new PageRecovery.Page() {
            @Override
            public void load(String url) {
              loads.add(url);
            }

            @Override
            public void run(String script) {
              scripts.add(script);
            }

            @Override
            public int endRenderers() {
              ended++;
              return renderers;
            }
          },
          (delay, task) -> {
            delays.add(delay);
            due.add(task);
          },
          Duration.ofSeconds(30),
          () -> now);

  private void elapse(Duration d) {
    now += d.toNanos();
  }

  private void runDue() {
    List<Runnable> tasks = new ArrayList<>(due);
    due.clear();
    tasks.forEach(Runnable::run);
  }

  @Test
  void aCrashedRendererLoadsTheKioskPageAgainAfterASecond() {
    recovery.loadEnded(true, 200, HOME);
    recovery.renderProcessTerminated("TS_PROCESS_CRASHED", 11);
    assertThat(loads).isEmpty();
    assertThat(delays).containsExactly(Duration.ofSeconds(1));
    runDue();
    assertThat(loads).containsExactly(HOME);
  }

  @Test
  void oneReloadIsPendingAtATime() {
    recovery.renderProcessTerminated("TS_PROCESS_CRASHED", 11);
    recovery.loadFailed(true, ErrorCode.ERR_CONNECTION_REFUSED, "refused", HOME);
    assertThat(due).hasSize(1);
  }

  @Test
  void aCancelledLoadOrASubframeIsNotAFailure() {
    recovery.loadFailed(true, ErrorCode.ERR_ABORTED, "aborted", "https://elsewhere.example/");
    recovery.loadFailed(false, ErrorCode.ERR_CONNECTION_REFUSED, "refused", HOME + "frame");
    assertThat(due).isEmpty();
  }

  @Test
  void aPageThatKeepsFailingIsRetriedEverMoreSlowlyUpToThirtySeconds() {
    for (int i = 0; i < 8; i++) {
      recovery.loadFailed(true, ErrorCode.ERR_CONNECTION_REFUSED, "refused", HOME);
      runDue();
    }
    assertThat(delays)
        .extracting(Duration::toSeconds)
        .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    assertThat(loads).hasSize(8);
  }

  @Test
  void aPageThatCrashesAsSoonAsItLoadsBacksOffButOneThatStayedUpStartsAgainFromOneSecond() {
    for (int i = 0; i < 3; i++) {
      recovery.loadEnded(true, 200, HOME);
      elapse(Duration.ofSeconds(2));
      recovery.renderProcessTerminated("TS_PROCESS_CRASHED", 11);
      runDue();
    }
    recovery.loadEnded(true, 200, HOME);
    elapse(PageRecovery.STABLE);
    recovery.renderProcessTerminated("TS_PROCESS_WAS_KILLED", 9);
    assertThat(delays).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 1L);
  }

  @Test
  void aPageThatAnswersIsLeftAlone() {
    recovery.loadEnded(true, 200, HOME);
    for (int i = 0; i < 20; i++) {
      elapse(Duration.ofSeconds(5));
      recovery.check();
      assertThat(recovery.consoleMessage(PageRecovery.ALIVE))
          .as("the shell's own answer is kept out of the log")
          .isTrue();
    }
    assertThat(scripts).hasSize(20).allMatch(PageRecovery.PING::equals);
    assertThat(ended).isZero();
    assertThat(recovery.consoleMessage("the page's own message")).isFalse();
  }

  @Test
  void aPageThatStopsAnsweringHasItsRendererEnded() {
    recovery.loadEnded(true, 200, HOME);
    for (int i = 0; i < 6; i++) {
      elapse(Duration.ofSeconds(5));
      recovery.check();
    }
    assertThat(ended).as("30 s is not yet a hang").isZero();
    elapse(Duration.ofSeconds(5));
    recovery.check();
    assertThat(ended).isEqualTo(1);
    // Ending it is reported as a terminated renderer, which loads the page again.
    recovery.renderProcessTerminated("TS_PROCESS_WAS_KILLED", 9);
    runDue();
    assertThat(loads).containsExactly(HOME);
    // Not ended twice while the page comes back.
    elapse(Duration.ofSeconds(5));
    recovery.check();
    assertThat(ended).isEqualTo(1);
  }

  @Test
  void withNoRendererToEndThePageIsLoadedAgainAnyway() {
    renderers = 0;
    elapse(Duration.ofSeconds(31));
    recovery.check();
    runDue();
    assertThat(loads).containsExactly(HOME);
  }

  @Test
  void delaysDoubleFromOneSecondToThirty() {
    assertThat(PageRecovery.delay(0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(PageRecovery.delay(3)).isEqualTo(Duration.ofSeconds(8));
    assertThat(PageRecovery.delay(5)).isEqualTo(Duration.ofSeconds(30));
    assertThat(PageRecovery.delay(40)).isEqualTo(Duration.ofSeconds(30));
  }
}
