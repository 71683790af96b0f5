package uk.gov.council.cap.devices.scanner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import uk.gov.council.cap.devices.DeviceProblem;
import uk.gov.council.cap.devices.DeviceState;
import uk.gov.council.cap.devices.SelfTest;

/**
 * A SANE scanner through {@code scanimage} (Debian's {@code sane-utils}), the SANE project's own
 * front end: it works with every SANE backend, local or over {@code saned}, without native bindings
 * in the JVM. Pages come back as JPEG files straight from {@code scanimage}, in a private temporary
 * folder that is always deleted.
 *
 * <p>The feeder is scanned in batch mode until the scanner reports it is out of documents. A jam, a
 * cover open, a missing device, an empty feeder or a timeout is a {@link DeviceProblem}, and no
 * pages are returned.
 */
public final class SaneScanner implements Scanner {
  private final String device;
  private final String scanimage;
  private final Duration timeout;
  private final List<String> deviceOptions;

  /** How often a running scan is looked at: for a fault already reported, and for the timeout. */
  private static final Duration STEP = Duration.ofMillis(200);

  /**
   * How long scanimage may take to tidy up after saying the scan is over (a jam, an open cover, an
   * empty feeder). SANE's test backend has been seen to hang in that tidy-up (a CI run waited out
   * the whole minute); a real scanner can too, and the resident should not wait a minute to hear
   * the paper is stuck. Not a setting: it is scanimage's housekeeping, not a council's choice.
   */
  private static final Duration TIDY_UP_GRACE = Duration.ofSeconds(3);

  /**
   * @param device a SANE device name, as {@code scanimage -L} lists it ({@code test} for SANE's
   *     test backend)
   * @param deviceOptions backend options passed as they are (for the test backend: its picture, or
   *     an injected fault)
   */
  public SaneScanner(
      String device, String scanimage, Duration timeout, List<String> deviceOptions) {
    this.device = device;
    this.scanimage = scanimage;
    this.timeout = timeout;
    this.deviceOptions = List.copyOf(deviceOptions);
  }

  @Override
  public String name() {
    return "SANE scanner " + device;
  }

  @Override
  public boolean simulated() {
    return false;
  }

  @Override
  public List<ScannedImage> scan(ScanRequest request) throws DeviceProblem {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("cap-scan");
      List<String> command =
          new ArrayList<>(
              List.of(
                  scanimage,
                  "-d",
                  device,
                  "--source",
                  request.source() == ScanRequest.Source.FEEDER
                      ? "Automatic Document Feeder"
                      : "Flatbed",
                  "--mode",
                  request.colour() == ScanRequest.Colour.COLOUR ? "Color" : "Gray",
                  "--resolution",
                  String.valueOf(request.dpi()),
                  "--format=jpeg"));
      command.add("--batch=" + dir.resolve("page-%04d.jpg"));
      if (request.source() == ScanRequest.Source.FLATBED) command.add("--batch-count=1");
      command.addAll(deviceOptions);
      Run run = run(command, dir);
      List<Path> files;
      try (Stream<Path> listed = Files.list(dir)) {
        files =
            listed
                .filter(f -> f.getFileName().toString().endsWith(".jpg"))
                .sorted(Comparator.naturalOrder())
                .toList();
      }
      DeviceProblem problem = problemIn(run, files.size());
      if (problem != null) throw problem;
      List<ScannedImage> pages = new ArrayList<>();
      for (Path f : files) pages.add(new ScannedImage(Files.readAllBytes(f), request.dpi()));
      return pages;
    } catch (IOException e) {
      throw new DeviceProblem(
          DeviceState.FAILED, "The scanner could not be used. Ask the advisor to try again.", e);
    } finally {
      deleteQuietly(dir);
    }
  }

  @Override
  public SelfTest selfTest() {
    try {
      List<ScannedImage> pages =
          scan(new ScanRequest(ScanRequest.Source.FLATBED, 75, ScanRequest.Colour.COLOUR));
      return SelfTest.pass(
          name(), "Scanned a test page (" + pages.get(0).jpeg().length / 1024 + " KB at 75 dpi)");
    } catch (DeviceProblem p) {
      return SelfTest.fail(
          name(),
          p,
          switch (p.state()) {
            case UNPLUGGED ->
                "Check the scanner's USB or network cable and power, then run the self-test again. "
                    + "`scanimage -L` must list "
                    + device
                    + ".";
            case PAPER_JAM ->
                "Open the feeder, remove the paper, close it and run the self-test again.";
            case BUSY -> "Wait for the scan in progress to finish, then run the self-test again.";
            default ->
                "Restart the scanner. If it still fails, check `scanimage -d " + device + " -T`.";
          });
    }
  }

  private record Run(int exitCode, String stderr, boolean timedOut) {}

  private Run run(List<String> command, Path dir) throws IOException {
    Path errors = dir.resolve("stderr.txt");
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(errors.toFile())
            .start();
    try {
      long deadline = System.nanoTime() + timeout.toNanos();
      long overSaidAt = 0;
      while (!process.waitFor(STEP.toMillis(), TimeUnit.MILLISECONDS)) {
        long now = System.nanoTime();
        if (overSaidAt == 0 && saysScanIsOver(readErrors(errors))) overSaidAt = now;
        boolean tidyUpTooLong = overSaidAt != 0 && now - overSaidAt > TIDY_UP_GRACE.toNanos();
        if (now - deadline > 0 || tidyUpTooLong) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
          // A scanner that said what went wrong and then hung is reported by what it said.
          return new Run(-1, readErrors(errors), overSaidAt == 0);
        }
      }
      return new Run(process.exitValue(), readErrors(errors), false);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while scanning", e);
    }
  }

  private static String readErrors(Path errors) throws IOException {
    return Files.exists(errors) ? Files.readString(errors, StandardCharsets.UTF_8) : "";
  }

  /**
   * scanimage has said the scan is over (a jam, an open cover, the feeder empty): whatever the
   * process does next, nothing more will be scanned.
   */
  private static boolean saysScanIsOver(String stderr) {
    String err = stderr.toLowerCase(Locale.ROOT);
    return err.contains("jammed") || err.contains("cover open") || err.contains("out of documents");
  }

  /** scanimage's words turned into a state; null when the scan is good. */
  static DeviceProblem problemIn(Run run, int pages) {
    String err = run.stderr().toLowerCase(Locale.ROOT);
    if (run.timedOut()) {
      return new DeviceProblem(
          DeviceState.FAILED,
          "The scanner did not finish in time. Nothing was saved; try again.",
          null);
    }
    if (err.contains("jammed")) {
      return new DeviceProblem(
          DeviceState.PAPER_JAM,
          "The paper is stuck in the scanner. Nothing was saved. "
              + "Open the feeder, take the paper out and try again.",
          null);
    }
    if (err.contains("cover open")) {
      return new DeviceProblem(
          DeviceState.FAILED, "The scanner lid is open. Close it and try again.", null);
    }
    if (err.contains("device busy")) {
      return new DeviceProblem(
          DeviceState.BUSY, "The scanner is busy. Wait a moment and try again.", null);
    }
    if (err.contains("open of device")
        || err.contains("invalid argument")
        || err.contains("no such device")
        || err.contains("error during device i/o")) {
      return new DeviceProblem(
          DeviceState.UNPLUGGED, "The scanner is not connected. Nothing was saved.", null);
    }
    if (pages == 0 && (err.contains("out of documents") || err.contains("no docs"))) {
      return new DeviceProblem(
          DeviceState.OUT_OF_PAPER,
          "There is no paper in the feeder. Put the pages in and try again.",
          null);
    }
    if (pages == 0 || (run.exitCode() != 0 && !err.contains("out of documents"))) {
      return new DeviceProblem(
          DeviceState.FAILED, "The scan did not work. Nothing was saved; try again.", null);
    }
    return null;
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) return;
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // A temporary folder left behind holds no one's data for long: the OS clears /tmp.
    }
  }
}
