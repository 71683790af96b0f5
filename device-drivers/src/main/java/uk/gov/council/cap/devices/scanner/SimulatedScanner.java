package uk.gov.council.cap.devices.scanner;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import uk.gov.council.cap.devices.DeviceProblem;
import uk.gov.council.cap.devices.DeviceState;
import uk.gov.council.cap.devices.SelfTest;

/**
 * The demo and training twin of a scanner: it makes A4 pages that say "SIMULATED SCAN" across them,
 * one from the glass or {@code pagesInFeeder} from the feeder, so a whole scanning journey can be
 * shown without hardware.
 */
public final class SimulatedScanner implements Scanner {
  private final int pagesInFeeder;

  public SimulatedScanner(int pagesInFeeder) {
    this.pagesInFeeder = pagesInFeeder;
  }

  @Override
  public String name() {
    return "Simulated scanner";
  }

  @Override
  public boolean simulated() {
    return true;
  }

  @Override
  public List<ScannedImage> scan(ScanRequest request) throws DeviceProblem {
    int pages = request.source() == ScanRequest.Source.FEEDER ? pagesInFeeder : 1;
    if (pages == 0) {
      throw new DeviceProblem(
          DeviceState.OUT_OF_PAPER,
          "There is no paper in the feeder. Put the pages in and try again.",
          null);
    }
    List<ScannedImage> out = new ArrayList<>();
    for (int i = 1; i <= pages; i++) out.add(new ScannedImage(page(i, request), request.dpi()));
    return out;
  }

  @Override
  public SelfTest selfTest() {
    return SelfTest.pass(name(), "Simulated: makes test pages; no scanner is fitted");
  }

  private static byte[] page(int number, ScanRequest request) {
    int w = Math.round(210 / 25.4f * request.dpi());
    int h = Math.round(297 / 25.4f * request.dpi());
    BufferedImage image =
        new BufferedImage(
            w,
            h,
            request.colour() == ScanRequest.Colour.COLOUR
                ? BufferedImage.TYPE_INT_RGB
                : BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(250, 250, 245));
    g.fillRect(0, 0, w, h);
    g.setColor(new Color(29, 112, 184));
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(12, request.dpi() / 3)));
    g.drawString("SIMULATED SCAN", w / 10, h / 6);
    g.setColor(Color.DARK_GRAY);
    g.setFont(new Font(Font.SERIF, Font.PLAIN, Math.max(8, request.dpi() / 8)));
    g.drawString("Page " + number + " - demo and training only", w / 10, h / 6 + request.dpi() / 2);
    for (int line = 0; line < 25; line++) {
      g.drawString(
          "Example text of a document, line " + (line + 1),
          w / 10,
          h / 4 + line * request.dpi() / 5);
    }
    g.dispose();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "jpg", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
