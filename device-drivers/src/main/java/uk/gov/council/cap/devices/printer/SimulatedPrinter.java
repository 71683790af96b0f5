package uk.gov.council.cap.devices.printer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import uk.gov.council.cap.devices.DeviceProblem;
import uk.gov.council.cap.devices.DeviceState;
import uk.gov.council.cap.devices.SelfTest;

/**
 * The demo and training twin of a printer: each job is written as a PDF into a folder, named by job
 * and paper.
 */
public final class SimulatedPrinter implements Printer {
  private final Path folder;
  private final AtomicInteger jobs = new AtomicInteger();

  public SimulatedPrinter(Path folder) {
    this.folder = folder;
  }

  @Override
  public String name() {
    return "Simulated printer (" + folder + ")";
  }

  @Override
  public boolean simulated() {
    return true;
  }

  @Override
  public String print(byte[] pdf, String title, PaperSize paper) throws DeviceProblem {
    String id = "simulated-" + jobs.incrementAndGet();
    try {
      Files.createDirectories(folder);
      Files.write(
          folder.resolve(
              id + "-" + paper.name() + "-" + title.replaceAll("[^A-Za-z0-9-]+", "_") + ".pdf"),
          pdf);
      return id;
    } catch (IOException e) {
      throw new DeviceProblem(
          DeviceState.FAILED, "The document could not be printed. Try again.", e);
    }
  }

  @Override
  public DeviceState state() {
    return DeviceState.READY;
  }

  @Override
  public SelfTest selfTest() {
    return SelfTest.pass(name(), "Simulated: prints to a folder");
  }
}
