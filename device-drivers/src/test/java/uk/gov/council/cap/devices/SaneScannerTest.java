package uk.gov.council.cap.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.council.cap.devices.scanner.SaneScanner;
import uk.gov.council.cap.devices.scanner.ScanRequest;
import uk.gov.council.cap.devices.scanner.ScannedImage;
import uk.gov.council.cap.devices.scanner.SimulatedScanner;

/**
 * The SANE driver against SANE's own test backend (sane-utils, installed by .ci/run), and the
 * simulated twin.
 */
class SaneScannerTest {
  private static final List<String> PICTURE = List.of("--test-picture", "Color pattern");
  private final SaneScanner scanner =
      new SaneScanner("test", "scanimage", Duration.ofSeconds(60), PICTURE);

  @Test
  void theGlassGivesOneColourJpegPageAtTheAskedResolution() throws Exception {
    List<ScannedImage> pages =
        scanner.scan(new ScanRequest(ScanRequest.Source.FLATBED, 75, ScanRequest.Colour.COLOUR));
    assertThat(pages).hasSize(1);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(pages.get(0).jpeg()));
    assertThat(image.getColorModel().getNumComponents()).isEqualTo(3);
    assertThat(pages.get(0).jpeg()[0] & 0xff).isEqualTo(0xFF);
    assertThat(pages.get(0).jpeg()[1] & 0xff).isEqualTo(0xD8);
    assertThat(image.getWidth()).isBetween(200, 260); // the test backend's page is about 80 mm wide
  }

  @Test
  void theFeederIsScannedUntilItRunsOutOfPaper() throws Exception {
    List<ScannedImage> pages =
        scanner.scan(new ScanRequest(ScanRequest.Source.FEEDER, 50, ScanRequest.Colour.GREY));
    assertThat(pages).hasSize(10); // SANE's test feeder holds ten sheets
  }

  @Test
  void aJamIsReportedInPlainWordsAndNoPagesAreReturned() {
    SaneScanner jamming =
        new SaneScanner(
            "test",
            "scanimage",
            Duration.ofSeconds(60),
            List.of("--read-return-value", "SANE_STATUS_JAMMED"));
    assertThatThrownBy(
            () ->
                jamming.scan(
                    new ScanRequest(ScanRequest.Source.FEEDER, 50, ScanRequest.Colour.GREY)))
        .isInstanceOf(DeviceProblem.class)
        .hasMessage(
            "The paper is stuck in the scanner. Nothing was saved. Open the feeder, take the paper out and try again.")
        .satisfies(e -> assertThat(((DeviceProblem) e).state()).isEqualTo(DeviceState.PAPER_JAM));
  }

  /**
   * SANE's test backend once hung after reporting a jam (a CI run waited out the whole timeout and
   * told the resident the scanner "did not finish in time"). A scanimage that reports a jam and
   * then never exits stands in for it here: the resident still hears the paper is stuck.
   */
  @Test
  void aScannerThatReportsAJamAndThenHangsIsReportedAsAJam(@TempDir Path bin) throws Exception {
    Path hanging = bin.resolve("scanimage");
    Files.writeString(
        hanging,
        "#!/bin/sh\necho 'scanimage: sane_read: Document feeder jammed' >&2\nexec sleep 600\n");
    assertThat(hanging.toFile().setExecutable(true)).isTrue();
    SaneScanner jammedThenHung =
        new SaneScanner("test", hanging.toString(), Duration.ofMinutes(10), List.of());
    assertThatThrownBy(
            () ->
                jammedThenHung.scan(
                    new ScanRequest(ScanRequest.Source.FEEDER, 50, ScanRequest.Colour.GREY)))
        .isInstanceOf(DeviceProblem.class)
        .satisfies(e -> assertThat(((DeviceProblem) e).state()).isEqualTo(DeviceState.PAPER_JAM));
  }

  @Test
  void anEmptyFeederSaysSo() {
    SaneScanner empty =
        new SaneScanner(
            "test",
            "scanimage",
            Duration.ofSeconds(60),
            List.of("--read-return-value", "SANE_STATUS_NO_DOCS"));
    assertThatThrownBy(
            () ->
                empty.scan(new ScanRequest(ScanRequest.Source.FEEDER, 50, ScanRequest.Colour.GREY)))
        .satisfies(
            e -> assertThat(((DeviceProblem) e).state()).isEqualTo(DeviceState.OUT_OF_PAPER));
  }

  @Test
  void anUnpluggedScannerFailsItsSelfTestWithTheFix() {
    SelfTest unplugged =
        new SaneScanner("epson2:libusb:001:099", "scanimage", Duration.ofSeconds(60), List.of())
            .selfTest();
    assertThat(unplugged.passed()).isFalse();
    assertThat(unplugged.state()).isEqualTo(DeviceState.UNPLUGGED);
    assertThat(unplugged.detail()).isEqualTo("The scanner is not connected. Nothing was saved.");
    assertThat(unplugged.fix()).startsWith("Check the scanner's USB or network cable and power");
    assertThat(scanner.selfTest().passed()).isTrue();
  }

  @Test
  void theSimulatedScannerIsLabelledAndGivesA4Pages() throws Exception {
    SimulatedScanner simulated = new SimulatedScanner(2);
    assertThat(simulated.simulated()).isTrue();
    List<ScannedImage> pages =
        simulated.scan(new ScanRequest(ScanRequest.Source.FEEDER, 100, ScanRequest.Colour.COLOUR));
    assertThat(pages).hasSize(2);
    BufferedImage page = ImageIO.read(new ByteArrayInputStream(pages.get(0).jpeg()));
    assertThat(page.getWidth()).isEqualTo(827);
    assertThat(page.getHeight()).isEqualTo(1169);
    assertThatThrownBy(
            () ->
                new SimulatedScanner(0)
                    .scan(
                        new ScanRequest(ScanRequest.Source.FEEDER, 100, ScanRequest.Colour.COLOUR)))
        .hasMessage("There is no paper in the feeder. Put the pages in and try again.");
  }
}
