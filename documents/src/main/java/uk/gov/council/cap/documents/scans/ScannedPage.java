package uk.gov.council.cap.documents.scans;

import java.awt.image.BufferedImage;

/**
 * One captured page: either a JPEG exactly as the scanner or camera produced it (embedded without re-encoding), or
 * a bilevel (black and white) image, which is stored with CCITT Group 4, the smallest lossless form for text.
 *
 * @param dpi the resolution the page was captured at; it sets the page's size in the PDF
 */
public record ScannedPage(byte[] jpeg, BufferedImage bilevel, int dpi) {
  public ScannedPage {
    if ((jpeg == null) == (bilevel == null)) throw new IllegalArgumentException("A page is a JPEG or a bilevel image");
    if (dpi < 50 || dpi > 1200) throw new IllegalArgumentException("Resolution " + dpi + " dpi is not a scan");
    if (bilevel != null && bilevel.getType() != BufferedImage.TYPE_BYTE_BINARY) {
      throw new IllegalArgumentException("A bilevel page must be a one-bit image");
    }
  }

  public static ScannedPage jpeg(byte[] bytes, int dpi) {
    return new ScannedPage(bytes, null, dpi);
  }

  public static ScannedPage bilevel(BufferedImage image, int dpi) {
    return new ScannedPage(null, image, dpi);
  }
}
