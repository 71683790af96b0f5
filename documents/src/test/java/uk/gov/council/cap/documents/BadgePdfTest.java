package uk.gov.council.cap.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.documents.badges.Badge;
import uk.gov.council.cap.documents.badges.BadgePdf;

/**
 * The ID badge: CR80 size, the holder's details as text, and a QR code that scans to the ID number.
 */
class BadgePdfTest {
  private final Badge badge =
      new Badge(
          "Central Bedfordshire Council",
          "Margaret O'Neill",
          "CBC-004817",
          LocalDate.of(2029, 11, 30),
          photo(),
          Instant.parse("2026-11-23T10:00:00Z"));

  @Test
  void theBadgeIsCardSizedAndCarriesTheHoldersDetails() throws Exception {
    byte[] pdf = BadgePdf.compose(badge);
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertThat(doc.getNumberOfPages()).isEqualTo(1);
      assertThat(doc.getPage(0).getMediaBox().getWidth() * 25.4f / 72f)
          .isCloseTo(85.60f, offset(0.01f));
      assertThat(doc.getPage(0).getMediaBox().getHeight() * 25.4f / 72f)
          .isCloseTo(53.98f, offset(0.01f));
    }
    assertThat(FormRecordPdfTest.textOf(pdf))
        .contains(
            "Central Bedfordshire Council",
            "Margaret O'Neill",
            "ID CBC-004817",
            "Expires 30 November 2029");
    assertThat(PdfAConformance.failuresOf(pdf)).isEmpty();
  }

  @Test
  void theQrCodeScansToTheIdNumber() throws Exception {
    try (PDDocument doc = Loader.loadPDF(BadgePdf.compose(badge))) {
      BufferedImage card = new PDFRenderer(doc).renderImageWithDPI(0, 600);
      BufferedImage corner =
          card.getSubimage(
              card.getWidth() / 2,
              card.getHeight() / 3,
              card.getWidth() / 2,
              card.getHeight() * 2 / 3);
      String decoded =
          new QRCodeReader()
              .decode(
                  new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(corner))))
              .getText();
      assertThat(decoded).isEqualTo("CBC-004817");
    }
  }

  static byte[] photo() {
    try {
      BufferedImage image = new BufferedImage(350, 450, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = image.createGraphics();
      g.setColor(new Color(220, 225, 230));
      g.fillRect(0, 0, 350, 450);
      g.setColor(new Color(200, 160, 130));
      g.fillOval(100, 80, 150, 190);
      g.fillRect(60, 300, 230, 150);
      g.dispose();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "jpg", out);
      return out.toByteArray();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
