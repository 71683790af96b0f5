package uk.gov.council.cap.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.documents.scans.ScanPdf;
import uk.gov.council.cap.documents.scans.ScannedPage;

/**
 * Scanned pages into a PDF/A-2b: JPEGs embedded byte for byte, bilevel pages in CCITT G4, pages at
 * paper size.
 */
class ScanPdfTest {
  private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");

  @Test
  void aTwoPageJpegScanKeepsEveryJpegByteForByteAtA4Size() throws Exception {
    byte[] page1 = a4Jpeg(150, "Page one: council tax bill");
    byte[] page2 = a4Jpeg(150, "Page two: bank statement");
    byte[] pdf =
        ScanPdf.compose(
            List.of(ScannedPage.jpeg(page1, 150), ScannedPage.jpeg(page2, 150)),
            "Proof of address",
            "Test Council",
            AT);
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertThat(doc.getNumberOfPages()).isEqualTo(2);
      assertThat(embeddedBytes(doc.getPage(0))).isEqualTo(page1);
      assertThat(embeddedBytes(doc.getPage(1))).isEqualTo(page2);
      assertThat(doc.getPage(0).getMediaBox().getWidth())
          .isCloseTo(595.3f, org.assertj.core.data.Offset.offset(1f));
      assertThat(doc.getPage(0).getMediaBox().getHeight())
          .isCloseTo(841.9f, org.assertj.core.data.Offset.offset(1f));
    }
    assertThat(pdf.length).isLessThanOrEqualTo(page1.length + page2.length + 2 * 4096 + 8192);
    assertThat(PdfAConformance.failuresOf(pdf)).isEmpty();
  }

  @Test
  void aBilevelPageIsStoredWithCcittGroup4() throws Exception {
    BufferedImage bilevel = new BufferedImage(1240, 1754, BufferedImage.TYPE_BYTE_BINARY);
    Graphics2D g = bilevel.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 1240, 1754);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 40));
    for (int line = 0; line < 30; line++)
      g.drawString("Tenancy agreement, clause " + line, 100, 150 + line * 50);
    g.dispose();
    byte[] pdf =
        ScanPdf.compose(List.of(ScannedPage.bilevel(bilevel, 150)), "Tenancy", "Test Council", AT);
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDImageXObject image = image(doc.getPage(0));
      assertThat(image.getCOSObject().getItem(COSName.FILTER)).isEqualTo(COSName.CCITTFAX_DECODE);
      assertThat(image.getBitsPerComponent()).isEqualTo(1);
    }
    assertThat(pdf.length).isLessThan(60_000);
    assertThat(PdfAConformance.failuresOf(pdf)).isEmpty();
  }

  @Test
  void aScanWithNoPagesIsRefused() {
    assertThatThrownBy(() -> ScanPdf.compose(List.of(), "x", "y", AT))
        .hasMessage("A scanned document needs at least one page");
  }

  static byte[] a4Jpeg(int dpi, String text) throws Exception {
    int w = Math.round(210 / 25.4f * dpi);
    int h = Math.round(297 / 25.4f * dpi);
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(250, 248, 240));
    g.fillRect(0, 0, w, h);
    g.setColor(new Color(20, 40, 120));
    g.setFont(new Font(Font.SERIF, Font.PLAIN, dpi / 4));
    for (int line = 0; line < 20; line++)
      g.drawString(text + " " + line, dpi / 2, dpi + line * dpi / 3);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpg", out);
    return out.toByteArray();
  }

  private static PDImageXObject image(PDPage page) throws Exception {
    for (COSName name : page.getResources().getXObjectNames()) {
      if (page.getResources().isImageXObject(name))
        return (PDImageXObject) page.getResources().getXObject(name);
    }
    throw new AssertionError("No image on the page");
  }

  private static byte[] embeddedBytes(PDPage page) throws Exception {
    try (InputStream raw = image(page).getCOSObject().createRawInputStream()) {
      return raw.readAllBytes();
    }
  }
}
