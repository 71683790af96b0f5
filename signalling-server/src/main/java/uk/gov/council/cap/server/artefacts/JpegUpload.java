package uk.gov.council.cap.server.artefacts;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import uk.gov.council.cap.server.Digests;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.web.ApiError;

/**
 * Checks an image a kiosk uploads (a scanned page, a photo) before anything is stored: it arrived
 * whole (SHA-256), it is a JPEG, its size in pixels (read from its header, before any decoding) is
 * sensible, and it decodes. Each refusal says what to do. Nothing here holds a lock: callers check
 * before they take theirs.
 */
public final class JpegUpload {
  /**
   * What decoding to prove an image is readable may allocate, in pixels: a few megabytes, whatever
   * its size.
   */
  private static final long PROOF_PIXELS = 1_000_000;

  private final ServerConfig.Limits limits;

  public JpegUpload(ServerConfig.Limits limits) {
    this.limits = limits;
  }

  /** A checked image's size in pixels. */
  public record Checked(int width, int height) {}

  public int maxBytes() {
    return limits.imageBytes();
  }

  /** Reads at most {@link #maxBytes()} (plus one, to notice more) from a request body. */
  public byte[] read(InputStream body, long declaredLength) throws IOException {
    if (declaredLength > maxBytes()) throw tooManyBytes();
    byte[] bytes = body.readNBytes(maxBytes() + 1);
    if (bytes.length > maxBytes()) throw tooManyBytes();
    return bytes;
  }

  private ApiError tooManyBytes() {
    return new ApiError(
        413, "An image must be " + (maxBytes() / (1024 * 1024)) + " MB or smaller.");
  }

  /** Returns the image's size, or refuses with the reason. */
  public Checked check(byte[] jpeg, String sha256, String what, String again) {
    if (sha256 == null || !Digests.sha256Hex(jpeg).equalsIgnoreCase(sha256)) {
      throw new ApiError(
          400, "The " + what + " did not arrive whole (checksum mismatch). Send it again.");
    }
    if (jpeg.length < 4 || (jpeg[0] & 0xff) != 0xFF || (jpeg[1] & 0xff) != 0xD8) {
      throw new ApiError(415, "A " + what + " must be a JPEG image.");
    }
    String unreadable = "The " + what + " is not a readable image. " + again + ".";
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) throw new ApiError(422, unreadable);
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        // The header alone: a few kilobytes can declare 26000 x 26000 pixels, which would decode to
        // gigabytes.
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width <= 0 || height <= 0) throw new ApiError(422, unreadable);
        if (width > limits.imageMaxSide()
            || height > limits.imageMaxSide()
            || (long) width * height > limits.imageMaxPixels()) {
          throw new ApiError(
              413,
              "The "
                  + what
                  + " is too large ("
                  + width
                  + " x "
                  + height
                  + " pixels; at most "
                  + limits.imageMaxSide()
                  + " pixels a side and "
                  + limits.imageMaxMegapixels()
                  + " megapixels). "
                  + again
                  + " at a lower resolution.");
        }
        // Decoding every byte proves the image is whole; sampling every n-th pixel keeps what it
        // allocates small.
        int step = (int) Math.max(1, Math.ceil(Math.sqrt((double) width * height / PROOF_PIXELS)));
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(step, step, 0, 0);
        if (reader.read(0, param) == null) throw new ApiError(422, unreadable);
        return new Checked(width, height);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ApiError a) throw a;
      throw new ApiError(422, unreadable);
    }
  }
}
