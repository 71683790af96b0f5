package uk.gov.council.cap.server.artefacts;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import uk.gov.council.cap.server.Digests;
import uk.gov.council.cap.server.web.ApiError;

/**
 * Checks an image a kiosk uploads (a scanned page, a photo) before anything is stored: it arrived whole (SHA-256),
 * it is a JPEG, it decodes, and it is of a sensible size. Each refusal says what to do.
 */
public final class JpegUpload {
  public static final long MAX_BYTES = 20L * 1024 * 1024;
  public static final int MAX_PIXELS_PER_SIDE = 12_000;

  private JpegUpload() {}

  /** Reads at most {@link #MAX_BYTES} (plus one, to notice more) from a request body. */
  public static byte[] read(InputStream body, long declaredLength) throws IOException {
    if (declaredLength > MAX_BYTES) throw new ApiError(413, "An image must be 20 MB or smaller.");
    byte[] bytes = body.readNBytes((int) MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) throw new ApiError(413, "An image must be 20 MB or smaller.");
    return bytes;
  }

  /** Returns the decoded image, or refuses with the reason. */
  public static BufferedImage check(byte[] jpeg, String sha256, String what, String again) {
    if (sha256 == null || !Digests.sha256Hex(jpeg).equalsIgnoreCase(sha256)) {
      throw new ApiError(400, "The " + what + " did not arrive whole (checksum mismatch). Send it again.");
    }
    if (jpeg.length < 4 || (jpeg[0] & 0xff) != 0xFF || (jpeg[1] & 0xff) != 0xD8) {
      throw new ApiError(415, "A " + what + " must be a JPEG image.");
    }
    BufferedImage image;
    try {
      image = javax.imageio.ImageIO.read(new ByteArrayInputStream(jpeg));
    } catch (IOException | RuntimeException e) {
      image = null;
    }
    if (image == null) throw new ApiError(422, "The " + what + " is not a readable image. " + again + ".");
    if (image.getWidth() > MAX_PIXELS_PER_SIDE || image.getHeight() > MAX_PIXELS_PER_SIDE) {
      throw new ApiError(413, "The " + what + " is too large. " + again + " at a lower resolution.");
    }
    return image;
  }
}
