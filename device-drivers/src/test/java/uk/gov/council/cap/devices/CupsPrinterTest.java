package uk.gov.council.cap.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.devices.printer.CupsPrinter;
import uk.gov.council.cap.devices.printer.PaperSize;
import uk.gov.council.cap.devices.printer.SimulatedPrinter;

/**
 * The CUPS driver against a real CUPS scheduler with a PDF printer (cups-pdf), which .ci/run sets
 * up as the queue {@code cap-pdf}: the printed file appears in the user's ~/PDF, at the paper size
 * asked for.
 */
class CupsPrinterTest {
  private static final String QUEUE =
      System.getenv().getOrDefault("CAP_TEST_CUPS_QUEUE", "cap-pdf");
  private final CupsPrinter printer = new CupsPrinter(QUEUE, Duration.ofSeconds(30));

  @Test
  void aBadgePrintsAtCardSizeAndAFormOnA4() throws Exception {
    assertThat(printer.selfTest().passed()).as(printer.selfTest().detail()).isTrue();
    String card = "cap-badge-" + System.nanoTime();
    String cardJob = printer.print(pdf(PaperSize.CR80), card, PaperSize.CR80);
    assertThat(cardJob).startsWith(QUEUE + "-");
    PDRectangle cardPage = printedPage(cardJob, card);
    assertThat(cardPage.getWidth() * 25.4 / 72).isCloseTo(85.6, offset(1.0));
    assertThat(cardPage.getHeight() * 25.4 / 72).isCloseTo(53.98, offset(1.0));

    String form = "cap-form-" + System.nanoTime();
    String formJob = printer.print(pdf(PaperSize.A4), form, PaperSize.A4);
    PDRectangle a4 = printedPage(formJob, form);
    assertThat(a4.getWidth() * 25.4 / 72).isCloseTo(210, offset(1.5));
    assertThat(a4.getHeight() * 25.4 / 72).isCloseTo(297, offset(1.5));
  }

  @Test
  void aPrinterThatIsNotSetUpIsReportedAsNotConnectedWithTheFix() {
    CupsPrinter missing = new CupsPrinter("no-such-printer", Duration.ofSeconds(10));
    SelfTest test = missing.selfTest();
    assertThat(test.passed()).isFalse();
    assertThat(test.state()).isEqualTo(DeviceState.UNPLUGGED);
    assertThat(test.fix()).startsWith("Add the printer with `lpadmin -p no-such-printer");
    assertThatThrownBy(() -> missing.print(new byte[] {1}, "x", PaperSize.A4))
        .hasMessage("The printer is not connected.");
  }

  @Test
  void theSimulatedPrinterWritesEachJobToItsFolder() throws Exception {
    Path folder = Files.createTempDirectory("cap-sim-printer");
    SimulatedPrinter simulated = new SimulatedPrinter(folder);
    simulated.print(pdf(PaperSize.CR80), "Badge ID-ABC", PaperSize.CR80);
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files.map(f -> f.getFileName().toString()).toList())
          .containsExactly("simulated-1-CR80-Badge_ID-ABC.pdf");
    }
    assertThat(simulated.simulated()).isTrue();
  }

  /**
   * Waits for CUPS to list the job as completed: cups-pdf has then finished writing the job into
   * ~/PDF (its files start with the job's title), so the file is read whole, with no pause in the
   * hope that writing has ended.
   */
  private static PDRectangle printedPage(String job, String title) throws Exception {
    Await.until(
        "CUPS to complete " + job,
        () -> completedJobs().stream().anyMatch(line -> line.startsWith(job + " ")),
        Duration.ofSeconds(30));
    Path out = Path.of(System.getProperty("user.home"), "PDF");
    Optional<Path> file;
    try (Stream<Path> files = Files.list(out)) {
      file = files.filter(f -> f.getFileName().toString().startsWith(title)).findFirst();
    }
    assertThat(file).as("cups-pdf wrote " + title + " into " + out).isPresent();
    try (PDDocument doc = Loader.loadPDF(file.get().toFile())) {
      return doc.getPage(0).getMediaBox();
    }
  }

  /** CUPS's completed jobs on the queue, one line each, starting with the job id. */
  private static List<String> completedJobs() {
    try {
      Process p =
          new ProcessBuilder("lpstat", "-W", "completed", "-o", QUEUE)
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      return out.lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static byte[] pdf(PaperSize size) throws Exception {
    try (PDDocument doc = new PDDocument()) {
      PDPage page =
          new PDPage(
              new PDRectangle(
                  (float) (size.widthMm() * 72 / 25.4), (float) (size.heightMm() * 72 / 25.4)));
      doc.addPage(page);
      try (PDPageContentStream c = new PDPageContentStream(doc, page)) {
        c.setNonStrokingColor(0.1f, 0.4f, 0.7f);
        c.addRect(10, 10, 60, 30);
        c.fill();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    }
  }
}
