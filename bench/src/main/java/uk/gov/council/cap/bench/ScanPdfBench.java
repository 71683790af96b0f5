package uk.gov.council.cap.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import uk.gov.council.cap.documents.scans.ScanPdf;
import uk.gov.council.cap.documents.scans.ScannedPage;

/**
 * Benchmark 5: an A4 colour page scanned at 300 dpi (a 2480 × 3508 JPEG) into a PDF/A-2b, as the
 * server does when an advisor accepts a scan: time per page, the PDF's size against the JPEG's
 * (target: at most the JPEG plus 4 KB per page, i.e. no re-encoding), and pages per second for a
 * ten-page document.
 */
final class ScanPdfBench {
  static final int WARM_UP = 20;
  static final int SAMPLES = 100;
  static final int PAGES_IN_DOCUMENT = 10;

  record Result(
      Stats onePage, long jpegBytes, long pdfBytes, long tenPagePdfBytes, double pagesPerSecond) {}

  Result run() throws Exception {
    byte[] jpeg = a4Colour300dpi();
    List<ScannedPage> one = List.of(ScannedPage.jpeg(jpeg, 300));
    for (int i = 0; i < WARM_UP; i++) ScanPdf.compose(one, "bench", "Bench Council", Instant.now());
    List<Long> times = new ArrayList<>();
    long pdfBytes = 0;
    for (int i = 0; i < SAMPLES; i++) {
      long t0 = System.nanoTime();
      pdfBytes = ScanPdf.compose(one, "bench", "Bench Council", Instant.now()).length;
      times.add(System.nanoTime() - t0);
    }
    List<ScannedPage> ten = new ArrayList<>();
    for (int i = 0; i < PAGES_IN_DOCUMENT; i++) ten.add(ScannedPage.jpeg(jpeg, 300));
    int rounds = 20;
    long tenPageBytes = 0;
    long start = System.nanoTime();
    for (int i = 0; i < rounds; i++)
      tenPageBytes = ScanPdf.compose(ten, "bench", "Bench Council", Instant.now()).length;
    double pagesPerSecond = rounds * PAGES_IN_DOCUMENT / ((System.nanoTime() - start) / 1e9);
    return new Result(
        Stats.of("one A4 300 dpi colour page to PDF/A-2b", times),
        jpeg.length,
        pdfBytes,
        tenPageBytes,
        pagesPerSecond);
  }

  /**
   * A busy colour page (gradient, text, a photo-like block), so the JPEG is the size real scans
   * are.
   */
  static byte[] a4Colour300dpi() throws Exception {
    int w = 2480;
    int h = 3508;
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setPaint(new GradientPaint(0, 0, new Color(252, 250, 240), w, h, new Color(235, 240, 250)));
    g.fillRect(0, 0, w, h);
    g.setColor(new Color(30, 30, 60));
    g.setFont(new Font(Font.SERIF, Font.PLAIN, 48));
    for (int line = 0; line < 60; line++) {
      g.drawString(
          "Council Tax bill 2026/27, account 0048 1773 · line " + line + " · amount due £1,842.16",
          200,
          400 + line * 50);
    }
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 4000; i++) {
      g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
      g.fillRect(1400 + random.nextInt(800), 200 + random.nextInt(600), 12, 12);
    }
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpg", out);
    return out.toByteArray();
  }
}
