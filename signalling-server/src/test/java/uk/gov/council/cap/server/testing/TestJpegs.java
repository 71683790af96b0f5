package uk.gov.council.cap.server.testing;

import java.awt.Color;

/** Crafted JPEGs: the header can claim any size, whatever few bytes follow. */
public final class TestJpegs {
  private TestJpegs() {}

  /**
   * A small JPEG (about a kilobyte) whose frame header declares {@code width} x {@code height}
   * pixels.
   */
  public static byte[] declaring(int width, int height) {
    byte[] jpeg = TestImages.jpeg(16, 16, Color.WHITE);
    for (int i = 2; i + 8 < jpeg.length; i++) {
      int marker = jpeg[i + 1] & 0xff;
      if ((jpeg[i] & 0xff) == 0xFF && (marker == 0xC0 || marker == 0xC2)) {
        // SOFn: FF Cn, length (2), precision (1), height (2), width (2)
        jpeg[i + 5] = (byte) (height >> 8);
        jpeg[i + 6] = (byte) height;
        jpeg[i + 7] = (byte) (width >> 8);
        jpeg[i + 8] = (byte) width;
        return jpeg;
      }
    }
    throw new IllegalStateException("No frame header in the test JPEG");
  }
}
