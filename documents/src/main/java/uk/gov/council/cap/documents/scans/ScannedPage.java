package uk.gov.council.cap.documents.scans;

import java.awt.image.BufferedImage;

/**
 * One captured page: either a JPEG exactly as the scanner or camera produced it (embedded without
 * re-encoding), or a bilevel (black and white) image, which is stored with CCITT Group 4, the
 * smallest lossless form for text.
 *
 * @param dpi the resolution the page was captured at; it sets the page's size in the PDF
 * @param rotation 0, 90, 180 or 270 degrees clockwise, applied as the page's /Rotate so the image
 *     is untouched
 */
public record ScannedPage(byte[] jpeg, BufferedImage bilevel, int dpi, int rotation) {
  public ScannedPage {
    if (rotation % 90 != 0 || rotation < 0 || rotation >= 360)
      throw new IllegalArgumentException("Rotation " + rotation);
    if ((jpeg == null) == (bilevel == null))
      throw new IllegalArgumentException("A page is a JPEG or a bilevel image");
    if (dpi < 50 || dpi > 1200)
      throw new IllegalArgumentException("Resolution " + dpi + " dpi is not a scan");
    if (bilevel != null && bilevel.getType() != BufferedImage.TYPE_BYTE_BINARY) {
      throw new IllegalArgumentException("A bilevel page must be a one-bit image");
    }
  }

  public static ScannedPage jpeg(byte[] bytes, int dpi) {
    return new ScannedPage(bytes, null, dpi, 0);
  }

  public static ScannedPage bilevel(BufferedImage image, int dpi) {
    return new ScannedPage(null, image, dpi, 0);
  }

  public ScannedPage rotated(int degrees) {
    return new ScannedPage(jpeg, bilevel, dpi, degrees);
  }
}
