package uk.gov.council.cap.documents.badges;

import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import uk.gov.council.cap.documents.pdf.ArchivalPdf;
import uk.gov.council.cap.documents.pdf.EmbeddedFont;
import uk.gov.council.cap.documents.pdf.QrCodes;

/**
 * An identification badge at ID-1/CR80 card size (85.60 × 53.98 mm), as PDF/A-2b: the council's
 * name, the photo (35:45), the holder's name, ID number and expiry date, and a QR code of the ID
 * number with its quiet zone, for a kiosk printer or a card printer.
 */
public final class BadgePdf {
  /** ISO/IEC 7810 ID-1 in PDF points (1 mm = 72 / 25.4 pt). */
  public static final float WIDTH = mm(85.60f);

  public static final float HEIGHT = mm(53.98f);
  private static final float EDGE = mm(3);
  private static final float PHOTO_HEIGHT = mm(36);
  private static final float PHOTO_WIDTH = PHOTO_HEIGHT * 35 / 45;
  private static final float QR_SIZE = mm(20);
  private static final DateTimeFormatter EXPIRES =
      DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

  private BadgePdf() {}

  public static byte[] compose(Badge badge) throws IOException {
    try (PDDocument document = new PDDocument()) {
      PDPage page = new PDPage(new PDRectangle(WIDTH, HEIGHT));
      document.addPage(page);
      PDType0Font font = EmbeddedFont.load(document);
      PDImageXObject photo = JPEGFactory.createFromByteArray(document, badge.photoJpeg());
      try (PDPageContentStream c = new PDPageContentStream(document, page)) {
        // A blue band with the council's name, as on most council ID cards.
        c.setNonStrokingColor(29 / 255f, 112 / 255f, 184 / 255f);
        c.addRect(0, HEIGHT - mm(9), WIDTH, mm(9));
        c.fill();
        text(c, font, 9, 1f, EDGE, HEIGHT - mm(6), badge.councilName());

        float photoY = EDGE;
        c.drawImage(photo, EDGE, photoY, PHOTO_WIDTH, PHOTO_HEIGHT);

        float x = EDGE + PHOTO_WIDTH + mm(3);
        text(c, font, 9, 0f, x, HEIGHT - mm(15), badge.holderName());
        text(c, font, 7, 0f, x, HEIGHT - mm(20), "ID " + badge.idNumber());
        text(c, font, 7, 0f, x, HEIGHT - mm(24), "Expires " + EXPIRES.format(badge.expires()));
        // The code carries only the ID number; its quiet zone is inside the drawn square.
        QrCodes.draw(
            c, badge.idNumber(), WIDTH - EDGE - QR_SIZE + mm(1.5f), EDGE - mm(1.5f), QR_SIZE);
      }
      return ArchivalPdf.save(
          document,
          "Identification badge " + badge.idNumber(),
          badge.councilName(),
          badge.issuedAt());
    }
  }

  private static void text(
      PDPageContentStream c, PDType0Font font, float size, float grey, float x, float y, String s)
      throws IOException {
    c.beginText();
    c.setFont(font, size);
    c.setNonStrokingColor(grey, grey, grey);
    c.newLineAtOffset(x, y);
    c.showText(s);
    c.endText();
  }

  static float mm(float millimetres) {
    return millimetres * 72f / 25.4f;
  }
}
