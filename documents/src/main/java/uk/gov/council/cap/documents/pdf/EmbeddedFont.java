package uk.gov.council.cap.documents.pdf;

import java.io.IOException;
import java.io.InputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The one font every archival PDF uses: Liberation Sans from the PDFBox jar, embedded and subset
 * (PDF/A needs it).
 */
public final class EmbeddedFont {
  static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

  private EmbeddedFont() {}

  public static PDType0Font load(PDDocument document) throws IOException {
    try (InputStream in = EmbeddedFont.class.getResourceAsStream(FONT)) {
      if (in == null) throw new IOException("Font missing from PDFBox: " + FONT);
      return PDType0Font.load(document, in, true);
    }
  }
}
