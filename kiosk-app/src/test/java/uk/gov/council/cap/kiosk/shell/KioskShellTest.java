package uk.gov.council.cap.kiosk.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.kiosk.KioskApp;
import uk.gov.council.cap.kiosk.KioskConfig;

/**
 * The real JCEF shell under Xvfb (its own Xvfb when there is no {@code DISPLAY}), each time in its
 * own process, on the kiosk UI served by a real kiosk-app: the page's own script opens the bridge
 * to kiosk-app, which only happens when the UI has loaded and its JavaScript runs. Then the kiosk
 * page's camera and microphone as {@code CAP_KIOSK_FAKE_MEDIA} sets them, and the page coming back,
 * and reconnecting, after its renderer crashes or hangs or the page fails to load.
 */
class KioskShellTest {
  /**
   * The first start unpacks JCEF's Chromium (about 360 MB), which can take minutes on a slow disk.
   */
  private static final Duration FIRST_START = Duration.ofSeconds(240);

  private static final Duration SOON = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String display;
  private static Process xvfb;

  @BeforeAll
  static void display() throws Exception {
    display = System.getenv("DISPLAY");
    if (display == null || display.isBlank()) {
      Assumptions.assumeTrue(
          onPath("Xvfb"), "Neither a DISPLAY nor Xvfb is available (install the xvfb package)");
      int n = freeDisplayNumber();
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
          () -> "Xvfb did not start on " + display);
      assertThat(xvfb.isAlive()).as("Xvfb started").isTrue();
    }
  }

  @AfterAll
  static void stopXvfb() {
    if (xvfb != null) {
      xvfb.destroyForcibly();
    }
  }

  @Test
  void theShellShowsTheKioskUiUnderXvfb() throws Exception {
    Path work = Files.createTempDirectory("kiosk-shell-work");
    Path profile = work.resolve("browser");
    try (KioskApp kiosk = startKiosk(work)) {
      try (ShellProcess shell =
          ShellProcess.start(
              KioskShell.class, List.of(kiosk.uiUrl(), profile.toString()), Map.of())) {
        await(
            () -> kiosk.connectedScreens() >= 1 || !shell.isAlive(),
            FIRST_START,
            () ->
                "the kiosk UI in JCEF never connected to the bridge; shell log:\n" + shell.tail());
        assertThat(kiosk.connectedScreens())
            .as("the kiosk UI in JCEF connected to the bridge; shell log:\n" + shell.tail())
            .isGreaterThanOrEqualTo(1);
        assertSandboxedWhereItCanBe(shell);
      }

      // A resident's traces left from before (a power cut mid-call) go when the shell starts; then
      // what a
      // resident leaves in the page (storage, cookies) is gone after the wipe between residents.
      Path leftover =
          profile.resolve("Default").resolve("Local Storage").resolve("left-from-last-resident");
      Files.createDirectories(leftover.getParent());
      Files.writeString(leftover, "Margaret");
      try (ShellProcess probe =
          ShellProcess.start(
              ShellWipeProbe.class, List.of(kiosk.uiUrl(), profile.toString()), Map.of())) {
        assertThat(probe.waitForExit(FIRST_START)).as("the probe finished").isTrue();
        String out = probe.output();
        assertThat(Files.exists(leftover)).as("the old profile was emptied at start").isFalse();
        assertThat(out)
            .as(probe.tail())
            .contains("BEFORE={\"local\":1,\"session\":1,\"cookie\":\"resident=Margaret\"}");
        assertThat(out)
            .as(probe.tail())
            .contains("AFTER={\"local\":0,\"session\":0,\"cookie\":\"\"}");
        // The Fleet page's "See its screen": the whole 1280×1024 screen, and the kiosk UI drawn on
        // it (not blank).
        java.util.regex.Matcher shot =
            java.util.regex.Pattern.compile("SCREENSHOT=(\\d+)x(\\d+) colours=(\\d+)").matcher(out);
        assertThat(shot.find()).as(probe.tail()).isTrue();
        assertThat(Integer.parseInt(shot.group(1))).isEqualTo(1280);
        assertThat(Integer.parseInt(shot.group(2))).isEqualTo(1024);
        assertThat(Integer.parseInt(shot.group(3)))
            .as("distinct colours on the screenshot; probe log:\n" + probe.tail())
            .isGreaterThan(5);
        assertThat(out)
            .as("the page was never taken for hung")
            .doesNotContain("The kiosk page has not answered");
      }
    }
  }

  @Test
  void withTheFakeCameraTheKioskPageGetsLiveVideoAndAudio() throws Exception {
    Path work = Files.createTempDirectory("kiosk-shell-camera");
    try (KioskApp kiosk = startKiosk(work);
        ShellProcess shell = probe(kiosk, work, "camera", 30)) {
      JsonNode call = shell.media("{\"video\":true,\"audio\":true}");
      assertThat(call.path("ok").asBoolean()).as(call + "\n" + shell.tail()).isTrue();
      assertLive(call, "video");
      assertLive(call, "audio");
      assertThat(call.path("videoFrames").asInt())
          .as("frames from the fake camera: " + call)
          .isGreaterThanOrEqualTo(5);
      assertThat(call.path("audioPeak").asDouble())
          .as("sound from the fake microphone: " + call)
          .isGreaterThan(0.01);
      assertThat(shell.output()).contains("CAP_KIOSK_FAKE_MEDIA=camera");
    }
  }

  @Test
  void withNoCameraAVideoCallIsRefusedButTheMicrophoneStillWorks() throws Exception {
    Path work = Files.createTempDirectory("kiosk-shell-no-camera");
    try (KioskApp kiosk = startKiosk(work);
        ShellProcess shell = probe(kiosk, work, "no-camera", 30)) {
      JsonNode call = shell.media("{\"video\":true,\"audio\":true}");
      assertThat(call.path("ok").asBoolean()).as(call.toString()).isFalse();
      assertThat(call.path("error").asText()).as(call.toString()).isEqualTo("NotFoundError");

      JsonNode video = shell.media("{\"video\":true}");
      assertThat(video.path("error").asText()).as(video.toString()).isEqualTo("NotFoundError");

      JsonNode audioOnly = shell.media("{\"audio\":true}");
      assertThat(audioOnly.path("ok").asBoolean()).as(audioOnly + "\n" + shell.tail()).isTrue();
      assertThat(audioOnly.path("tracks")).hasSize(1);
      assertLive(audioOnly, "audio");
      assertThat(audioOnly.path("audioPeak").asDouble())
          .as("sound from the fake microphone: " + audioOnly)
          .isGreaterThan(0.01);
    }
  }

  @Test
  void aCrashedRendererComesBackAndReconnectsToTheBridge() throws Exception {
    Path work = Files.createTempDirectory("kiosk-shell-crash");
    try (KioskApp kiosk = startKiosk(work);
        ShellProcess shell = probe(kiosk, work, "camera", 30)) {
      shell.send("crash");
      shell.awaitLine("DONE crash", SOON);
      await(
          () -> kiosk.connectedScreens() == 0,
          SOON,
          () -> "the crashed page stayed connected; shell log:\n" + shell.tail());
      await(
          () -> kiosk.connectedScreens() == 1,
          SOON,
          () -> "the page never came back; shell log:\n" + shell.tail());
      assertThat(shell.output()).contains("The kiosk page's renderer ended (TS_PROCESS_CRASHED");

      // The page that came back can start a call's camera and microphone again.
      JsonNode call = shell.media("{\"video\":true,\"audio\":true}");
      assertThat(call.path("ok").asBoolean()).as(call + "\n" + shell.tail()).isTrue();
      assertLive(call, "video");
      assertLive(call, "audio");
    }
  }

  @Test
  void aHungRendererIsEndedAndThePageComesBack() throws Exception {
    Path work = Files.createTempDirectory("kiosk-shell-hang");
    try (KioskApp kiosk = startKiosk(work);
        ShellProcess shell = probe(kiosk, work, "off", 5)) {
      shell.send("hang");
      shell.awaitLine("DONE hang", SOON);
      // A hung renderer keeps its socket open: only ending it drops the bridge.
      await(
          () -> kiosk.connectedScreens() == 0,
          SOON,
          () -> "the hung page was never ended; shell log:\n" + shell.tail());
      await(
          () -> kiosk.connectedScreens() == 1,
          SOON,
          () -> "the page never came back; shell log:\n" + shell.tail());
      assertThat(shell.output())
          .contains("The kiosk page has not answered for")
          .contains("The kiosk page's renderer ended (TS_PROCESS_WAS_KILLED");
    }
  }

  @Test
  void aPageThatFailedToLoadIsLoadedAgainOnceTheKioskUiAnswers() throws Exception {
    Path work = Files.createTempDirectory("kiosk-shell-late");
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    // The shell starts before kiosk-app's UI answers, as it might if kiosk-app were slow to start.
    ShellProcess shell =
        ShellProcess.start(
            ShellProbe.class,
            List.of("http://127.0.0.1:" + port + "/", work.resolve("browser").toString(), "30"),
            Map.of());
    KioskApp kiosk = null;
    try {
      shell.awaitLine("OPENED", FIRST_START);
      await(
          () -> shell.output().contains("The kiosk page failed to load"),
          SOON,
          () -> "the shell never saw the page fail; its log:\n" + shell.tail());
      KioskApp started = startKiosk(work, port);
      kiosk = started;
      await(
          () -> started.connectedScreens() == 1,
          SOON,
          () -> "the page never loaded; shell log:\n" + shell.tail());
    } finally {
      // The page goes first, as in the other tests, so kiosk-app is not left waiting on its bridge.
      shell.close();
      if (kiosk != null) {
        kiosk.close();
      }
    }
  }

  private static KioskApp startKiosk(Path work) {
    return startKiosk(work, 0);
  }

  private static KioskApp startKiosk(Path work, int port) {
    return KioskApp.start(
        KioskConfig.from(
            Map.of(
                "CAP_SERVER_URL",
                "http://127.0.0.1:9",
                "CAP_KIOSK_ID",
                "k1",
                "CAP_KIOSK_SECRET",
                "s",
                "CAP_KIOSK_UI_PORT",
                Integer.toString(port),
                "CAP_KIOSK_WORK_DIR",
                work.toString()),
            List.of("--headless")));
  }

  /** The shell on the kiosk UI with those fake media, once the page has connected to the bridge. */
  private static ShellProcess probe(KioskApp kiosk, Path work, String fakeMedia, int hangSeconds)
      throws Exception {
    ShellProcess shell =
        ShellProcess.start(
            ShellProbe.class,
            List.of(
                kiosk.uiUrl(), work.resolve("browser").toString(), Integer.toString(hangSeconds)),
            Map.of("CAP_KIOSK_FAKE_MEDIA", fakeMedia));
    try {
      shell.awaitLine("OPENED", FIRST_START);
      await(
          () -> kiosk.connectedScreens() == 1 || !shell.isAlive(),
          FIRST_START,
          () -> "the kiosk UI never connected to the bridge; shell log:\n" + shell.tail());
      assertThat(kiosk.connectedScreens()).as(shell.tail()).isEqualTo(1);
      return shell;
    } catch (Exception | AssertionError e) {
      shell.close();
      throw e;
    }
  }

  /**
   * The page's renderer runs in Chromium's sandbox (seccomp-bpf filter on, no --no-sandbox)
   * wherever the sandbox can start; where it cannot (as root), every Chromium process is told so
   * and the shell's log says why.
   */
  private static void assertSandboxedWhereItCanBe(ShellProcess shell) throws Exception {
    java.util.function.Supplier<List<ProcessHandle>> helpers =
        () ->
            shell
                .process
                .descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("jcef_helper")).orElse(false))
                .toList();
    java.util.function.Supplier<java.util.Optional<ProcessHandle>> renderer =
        () ->
            helpers.get().stream()
                .filter(p -> commandLine(p).contains(" --type=renderer"))
                .findFirst();
    await(
        () -> renderer.get().isPresent(),
        SOON,
        () -> "no renderer process; shell log:\n" + shell.tail());
    List<String> noSandbox =
        helpers.get().stream()
            .map(KioskShellTest::commandLine)
            .filter(c -> c.contains(" --no-sandbox"))
            .toList();
    if (ChromiumSandbox.whyNot(ChromiumSandbox.probe(KioskShell.installDir().toPath())).isEmpty()) {
      assertThat(noSandbox).as("Chromium processes started with --no-sandbox").isEmpty();
      String status =
          Files.readString(
              Path.of("/proc", String.valueOf(renderer.get().orElseThrow().pid()), "status"));
      assertThat(status)
          .as("the renderer's seccomp mode (2: the sandbox's filter)")
          .containsPattern("(?m)^Seccomp:\\s+2$");
    } else {
      assertThat(noSandbox)
          .as("every Chromium process is told there is no sandbox")
          .hasSameSizeAs(helpers.get());
      assertThat(shell.output()).contains("Chromium's sandbox is OFF");
    }
  }

  /**
   * As /proc has it: Chromium rewrites its children's argv into one string, which ProcessHandle
   * cannot split.
   */
  private static String commandLine(ProcessHandle p) {
    try {
      return Files.readString(Path.of("/proc", String.valueOf(p.pid()), "cmdline"))
              .replace('\0', ' ')
          + " ";
    } catch (IOException gone) {
      return "";
    }
  }

  private static void assertLive(JsonNode media, String kind) {
    List<JsonNode> tracks = new ArrayList<>();
    media
        .path("tracks")
        .forEach(
            t -> {
              if (kind.equals(t.path("kind").asText())) {
                tracks.add(t);
              }
            });
    assertThat(tracks).as("one " + kind + " track in " + media).hasSize(1);
    assertThat(tracks.get(0).path("state").asText())
        .as(kind + " track in " + media)
        .isEqualTo("live");
    assertThat(tracks.get(0).path("muted").asBoolean())
        .as(kind + " track muted in " + media)
        .isFalse();
  }

  /**
   * Waits until the condition holds, looking every 50 ms; fails with the message when it has not
   * within the time.
   */
  static void await(BooleanSupplier condition, Duration within, Supplier<String> message)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("Waited " + within.toSeconds() + " s: " + message.get());
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
  }

  /**
   * A JCEF shell (or probe) in its own JVM on the test's display; its output kept, its answers read
   * line by line.
   */
  static final class ShellProcess implements AutoCloseable {
    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> all = java.util.Collections.synchronizedList(new ArrayList<>());

    private ShellProcess(Process process) {
      this.process = process;
      this.commands =
          new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line = in.readLine(); line != null; line = in.readLine()) {
                    all.add(line);
                    lines.add(line);
                  }
                } catch (IOException ended) {
                  // the process is gone
                }
              },
              "shell-output");
      reader.setDaemon(true);
      reader.start();
    }

    static ShellProcess start(Class<?> main, List<String> args, Map<String, String> env)
        throws IOException {
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  main.getName()));
      command.addAll(args);
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      pb.environment().put("DISPLAY", display);
      pb.environment().putAll(env);
      return new ShellProcess(pb.start());
    }

    boolean isAlive() {
      return process.isAlive();
    }

    boolean waitForExit(Duration within) throws InterruptedException {
      return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    void send(String command) throws IOException {
      commands.write(command + "\n");
      commands.flush();
    }

    /** The rest of the first line from now on that starts with the prefix. */
    String awaitLine(String prefix, Duration within) throws InterruptedException {
      long deadline = System.nanoTime() + within.toNanos();
      for (long left = within.toNanos(); left > 0; left = deadline - System.nanoTime()) {
        String line = lines.poll(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
        if (line != null && line.startsWith(prefix)) {
          return line.substring(prefix.length()).trim();
        }
        if (line == null && !process.isAlive() && lines.isEmpty()) {
          throw new AssertionError(
              "The shell ended before saying " + prefix + "; its log:\n" + tail());
        }
      }
      throw new AssertionError(
          "Waited "
              + within.toSeconds()
              + " s for the shell to say "
              + prefix
              + "; its log:\n"
              + tail());
    }

    JsonNode media(String constraints) throws Exception {
      lines.clear();
      send("media " + constraints);
      return JSON.readTree(awaitLine("MEDIA ", SOON));
    }

    String output() {
      synchronized (all) {
        return String.join("\n", all);
      }
    }

    String tail() {
      synchronized (all) {
        return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
      }
    }

    @Override
    public void close() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  private static int freeDisplayNumber() throws IOException {
    for (int n = 90; n < 200; n++) {
      if (!Files.exists(Path.of("/tmp/.X11-unix/X" + n))
          && !Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
        try (ServerSocket probe = new ServerSocket(6000 + n)) {
          return n;
        } catch (IOException busy) {
          // try the next one
        }
      }
    }
    throw new IOException("No free X display number");
  }
}
