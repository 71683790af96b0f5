package uk.gov.council.cap.devices.printer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.gov.council.cap.devices.DeviceProblem;
import uk.gov.council.cap.devices.DeviceState;
import uk.gov.council.cap.devices.SelfTest;

/**
 * A printer behind CUPS, through CUPS's own commands ({@code lp} to print, {@code lpstat} for the
 * queue's state), which speak IPP to the local scheduler. The paper size is passed as the job's
 * {@code media}, so a badge prints at card size and a form on A4.
 */
public final class CupsPrinter implements Printer {
  private static final Pattern REQUEST_ID = Pattern.compile("request id is (\\S+)");
  private final String queue;
  private final Duration timeout;

  public CupsPrinter(String queue, Duration timeout) {
    this.queue = queue;
    this.timeout = timeout;
  }

  @Override
  public String name() {
    return "CUPS printer " + queue;
  }

  @Override
  public boolean simulated() {
    return false;
  }

  @Override
  public String print(byte[] pdf, String title, PaperSize paper) throws DeviceProblem {
    DeviceState before = state();
    if (before == DeviceState.UNPLUGGED)
      throw new DeviceProblem(before, "The printer is not connected.", null);
    if (before == DeviceState.OUT_OF_PAPER)
      throw new DeviceProblem(before, "The printer is out of paper.", null);
    if (before == DeviceState.FAILED)
      throw new DeviceProblem(before, "The printer is not working.", null);
    Result r =
        run(
            List.of(
                "lp",
                "-d",
                queue,
                "-t",
                title,
                "-o",
                "media=" + paper.cupsMedia(),
                "-o",
                "fit-to-page",
                "-"),
            pdf);
    Matcher m = REQUEST_ID.matcher(r.output());
    if (r.exit() != 0 || !m.find()) {
      throw new DeviceProblem(
          DeviceState.FAILED, "The document could not be printed. Try again.", null);
    }
    return m.group(1);
  }

  @Override
  public DeviceState state() {
    try {
      Result r = run(List.of("lpstat", "-l", "-p", queue), null);
      String out = r.output().toLowerCase(Locale.ROOT);
      if (r.exit() != 0
          || out.contains("invalid destination")
          || out.contains("unknown destination")) return DeviceState.UNPLUGGED;
      if (out.contains("media-empty") || out.contains("out of paper"))
        return DeviceState.OUT_OF_PAPER;
      if (out.contains("media-jam")) return DeviceState.PAPER_JAM;
      if (out.contains("disabled")) return DeviceState.FAILED;
      if (out.contains("now printing")) return DeviceState.BUSY;
      return DeviceState.READY;
    } catch (DeviceProblem e) {
      return DeviceState.UNPLUGGED;
    }
  }

  @Override
  public SelfTest selfTest() {
    DeviceState state = state();
    return switch (state) {
      case READY, BUSY ->
          SelfTest.pass(name(), "CUPS reports the queue " + state.words().toLowerCase(Locale.ROOT));
      case UNPLUGGED ->
          SelfTest.fail(
              name(),
              new DeviceProblem(state, "The printer is not set up in CUPS.", null),
              "Add the printer with `lpadmin -p "
                  + queue
                  + " -E -v <device URI> -m everywhere`, or check CUPS is running.");
      case OUT_OF_PAPER ->
          SelfTest.fail(
              name(),
              new DeviceProblem(state, "The printer is out of paper.", null),
              "Load paper (card stock for badges), then run the self-test again.");
      case PAPER_JAM ->
          SelfTest.fail(
              name(),
              new DeviceProblem(state, "Paper is stuck in the printer.", null),
              "Open the printer, remove the paper, close it, then run the self-test again.");
      default ->
          SelfTest.fail(
              name(),
              new DeviceProblem(state, "The printer queue is stopped.", null),
              "Restart the queue with `cupsenable " + queue + "` after fixing the printer.");
    };
  }

  private record Result(int exit, String output) {}

  private Result run(List<String> command, byte[] stdin) throws DeviceProblem {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (stdin != null) {
        try (OutputStream in = p.getOutputStream()) {
          in.write(stdin);
        }
      } else {
        p.getOutputStream().close();
      }
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new DeviceProblem(DeviceState.FAILED, "The printer did not answer in time.", null);
      }
      return new Result(
          p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new DeviceProblem(DeviceState.UNPLUGGED, "CUPS is not installed on this kiosk.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeviceProblem(DeviceState.FAILED, "Printing was interrupted.", e);
    }
  }
}
