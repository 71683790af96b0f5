package uk.gov.council.cap.systemtests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static uk.gov.council.cap.systemtests.Pages.button;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.kiosk.shell.KioskShell;

/**
 * The kiosk as it runs in a library: the kiosk page in the real full-screen JCEF shell (its own
 * process, under Xvfb), with Chromium's fake camera and microphone, in a real two-way call with the
 * advisor's console, held quiet past every idle timeout; and a kiosk with no camera at all, whose
 * resident the advisor still hears.
 *
 * <p>The resident's "Talk to an advisor" goes through the kiosk's bridge from the test, because
 * nothing here can press a button inside the JCEF window; everything after that (the call, the
 * answer, the media) is the JCEF page's.
 */
class JcefCallEndToEndTest extends BrowserTest {
  /**
   * The first JCEF start unpacks its Chromium (about 360 MB), which can take minutes on a slow
   * disk.
   */
  private static final Duration FIRST_START = Duration.ofMinutes(4);

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Records every peer connection the console makes, so the test can read what actually arrived
   * over WebRTC.
   */
  private static final String RECORD_PEER_CONNECTIONS =
      "(() => { const Real = window.RTCPeerConnection;"
          + " window.__pcs = []; window.RTCPeerConnection = function (...args) { const pc = new Real(...args);"
          + " window.__pcs.push(pc); return pc; }; window.RTCPeerConnection.prototype = Real.prototype; })();";

  /**
   * What the console has received from the kiosk so far, over every peer connection of the call.
   */
  private static final String RECEIVED =
      "async () => { let frames = 0, packets = 0;"
          + " for (const pc of window.__pcs || []) { if (pc.connectionState === 'closed') continue;"
          + " (await pc.getStats()).forEach((r) => { if (r.type === 'inbound-rtp' && r.kind === 'video') frames += r.framesDecoded || 0;"
          + " if (r.type === 'inbound-rtp' && r.kind === 'audio') packets += r.packetsReceived || 0; }); }"
          + " return { frames, packets }; }";

  private static String display;
  private static Process xvfb;

  @BeforeAll
  static void display() throws Exception {
    display = System.getenv("DISPLAY");
    if (display == null || display.isBlank()) {
      Assumptions.assumeTrue(
          Path.of("/usr/bin/Xvfb").toFile().canExecute(),
          "Xvfb is not installed (the xvfb package)");
      int n = 60 + (int) (ProcessHandle.current().pid() % 200);
      while (Files.exists(Path.of("/tmp/.X11-unix/X" + n))
          || Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
        n++;
      }
      display = ":" + n;
      xvfb =
          new ProcessBuilder("Xvfb", display, "-screen", "0", "1280x1024x24", "-nolisten", "tcp")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      Path socket = Path.of("/tmp/.X11-unix/X" + n);
      await(
          () -> Files.exists(socket) || !xvfb.isAlive(),
          Duration.ofSeconds(30),
          "Xvfb did not start on " + display);
    }
  }

  @AfterAll
  static void stopXvfb() {
    if (xvfb != null) {
      xvfb.destroyForcibly();
    }
  }

  @Test
  void aQuietCallFromTheJcefShellKeepsSendingTheResidentsPictureAndVoice() throws Exception {
    try (RunningSystem system = new RunningSystem(true);
        Shell shell = Shell.start(system, "camera");
        BrowserContext consoleWindow = chromium.newWindow()) {
      Page console = advisorReady(consoleWindow, system);
      residentPressesTalk(system);
      button(console, "Accept call").click();
      assertThat(console.locator("#call")).isVisible();

      JsonNode first =
          awaitReceived(
              console,
              r -> r.path("frames").asLong() > 10 && r.path("packets").asLong() > 50,
              "the resident's picture and voice from the JCEF kiosk",
              shell);
      // The two people just talk: nothing is pressed on either screen for longer than any idle
      // timeout
      // (Jetty's 30 s among them). This wait is the point of the test.
      console.waitForTimeout(45_000);
      JsonNode later = received(console);
      assertThat(later.path("frames").asLong())
          .as("video frames kept arriving")
          .isGreaterThan(first.path("frames").asLong() + 100);
      assertThat(later.path("packets").asLong())
          .as("audio kept arriving")
          .isGreaterThan(first.path("packets").asLong() + 500);
      assertThat(console.locator("#call-notice")).isHidden();
      assertThat(system.kioskApp().connectedScreens())
          .as("the JCEF page is still on the bridge")
          .isGreaterThanOrEqualTo(1);
      assertThat(Pages.isPlayingFrames(console, "#remote-video")).isTrue();
      button(console, "End call").click();
      assertThat(console.getByText("You ended the call.")).isVisible();
    }
  }

  @Test
  void aJcefKioskWithNoCameraStillReachesTheAdvisorWithItsVoiceAndTheAdvisorIsToldWhy()
      throws Exception {
    try (RunningSystem system = new RunningSystem(true);
        Shell shell = Shell.start(system, "no-camera");
        BrowserContext consoleWindow = chromium.newWindow()) {
      Page console = advisorReady(consoleWindow, system);
      residentPressesTalk(system);
      button(console, "Accept call").click();

      assertThat(console.locator("#kiosk-media"))
          .hasText(
              "The kiosk's camera is not working: you can hear the resident but not see them.");
      JsonNode got =
          awaitReceived(
              console, r -> r.path("packets").asLong() > 50, "the resident's voice", shell);
      assertThat(got.path("frames").asLong()).as("no picture from a kiosk with no camera").isZero();
      button(console, "End call").click();
    }
  }

  private static Page advisorReady(BrowserContext window, RunningSystem system) {
    Page console = window.newPage();
    console.addInitScript(RECORD_PEER_CONNECTIONS);
    Pages.signIn(console, system.consoleUrl(), RunningSystem.ADVISOR, RunningSystem.PASSWORD);
    assertThat(console.locator("#status-fieldset")).isEnabled();
    Pages.setStatus(console, "Available");
    assertThat(console.locator("#status-tag")).hasText("Available");
    return console;
  }

  /**
   * The resident's press, sent on the kiosk's bridge as the page sends it; the JCEF page then sees
   * the queue.
   */
  private static void residentPressesTalk(RunningSystem system) {
    String origin = system.kioskUrl().replaceFirst("/$", "");
    WebSocket bridge =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .header("Origin", origin)
            .buildAsync(
                URI.create(origin.replace("http", "ws") + "/bridge"), new WebSocket.Listener() {})
            .join();
    bridge.sendText("{\"v\":1,\"type\":\"call.request\",\"payload\":{}}", true).join();
    // This stand-in page leaves at once, so the JCEF page is the only screen in the call.
    bridge.abort();
  }

  private static JsonNode received(Page console) throws Exception {
    return JSON.readTree(JSON.writeValueAsString(console.evaluate(RECEIVED)));
  }

  private static JsonNode awaitReceived(
      Page console, java.util.function.Predicate<JsonNode> enough, String what, Shell shell)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    JsonNode r = received(console);
    while (!enough.test(r) && System.nanoTime() < deadline) {
      console.waitForTimeout(250);
      r = received(console);
    }
    assertThat(enough.test(r))
        .as(what + " reached the console (got " + r + "); shell log:\n" + shell.tail())
        .isTrue();
    return r;
  }

  private static void await(BooleanSupplier done, Duration within, String failure)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(failure);
      }
      Thread.sleep(50);
    }
  }

  /**
   * The JCEF shell in its own process, showing this system's kiosk page with the given fake media.
   */
  private record Shell(Process process, Path log) implements AutoCloseable {
    static Shell start(RunningSystem system, String fakeMedia) throws Exception {
      Path profile = Files.createTempDirectory("jcef-profile");
      Path log = Files.createTempFile("jcef-shell", ".log");
      ProcessBuilder pb =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  KioskShell.class.getName(),
                  system.kioskUrl(),
                  profile.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      pb.environment().put("DISPLAY", display);
      pb.environment().put("CAP_KIOSK_FAKE_MEDIA", fakeMedia);
      Shell shell = new Shell(pb.start(), log);
      await(
          () -> system.kioskApp().connectedScreens() >= 1 || !shell.process.isAlive(),
          FIRST_START,
          "the JCEF page never reached the bridge; shell log:\n" + shell.tail());
      assertThat(shell.process.isAlive()).as(shell.tail()).isTrue();
      return shell;
    }

    String tail() {
      try {
        List<String> lines = Files.readAllLines(log);
        return String.join(
            File.separator.equals("/") ? "\n" : "\r\n",
            lines.subList(Math.max(0, lines.size() - 40), lines.size()));
      } catch (Exception e) {
        return "(no log: " + e + ")";
      }
    }

    @Override
    public void close() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}
