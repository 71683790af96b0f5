package uk.gov.council.cap.documents.scans;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.CCITTFactory;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import uk.gov.council.cap.documents.pdf.ArchivalPdf;

/**
 * A scanned document as a PDF/A-2b: one page per captured image, each page exactly the size of the
 * paper at the capture resolution. JPEG pages are embedded byte for byte (a DCT stream, no decoding
 * or re-encoding, so no loss and little work); bilevel pages are compressed with CCITT Group 4.
 */
public final class ScanPdf {
  private ScanPdf() {}

  public static byte[] compose(
      List<ScannedPage> pages, String title, String author, Instant created) throws IOException {
    if (pages.isEmpty())
      throw new IllegalArgumentException("A scanned document needs at least one page");
    try (PDDocument document = new PDDocument()) {
      for (ScannedPage p : pages) {
        PDImageXObject image =
            p.jpeg() != null
                ? JPEGFactory.createFromByteArray(document, p.jpeg())
                : CCITTFactory.createFromImage(document, p.bilevel());
        float width = image.getWidth() * 72f / p.dpi();
        float height = image.getHeight() * 72f / p.dpi();
        PDPage page = new PDPage(new PDRectangle(width, height));
        page.setRotation(p.rotation());
        document.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
          content.drawImage(image, 0, 0, width, height);
        }
      }
      return ArchivalPdf.save(document, title, author, created);
    }
  }
}
