package uk.gov.council.cap.server.photos;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;

/**
 * Crops an ID photo to 35:45 (the UK passport-photo shape) around the head-and-shoulders guide the
 * kiosk shows: a frame 80 % of the picture's height, centred. No face detection runs here (none is
 * in the JDK and a model would have to be shipped and kept current); the resident lines up with the
 * guide and the advisor approves the result.
 */
final class GuideCrop {
  static final double GUIDE_HEIGHT = 0.8;

  private GuideCrop() {}

  static byte[] crop(BufferedImage still) throws IOException {
    int height = (int) Math.round(still.getHeight() * GUIDE_HEIGHT);
    int width = (int) Math.round(height * 35.0 / 45.0);
    if (width > still.getWidth()) {
      width = still.getWidth();
      height = (int) Math.round(width * 45.0 / 35.0);
    }
    int x = (still.getWidth() - width) / 2;
    int y = (still.getHeight() - height) / 2;
    BufferedImage cropped = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    cropped.createGraphics().drawImage(still.getSubimage(x, y, width, height), 0, 0, null);
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(0.92f);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (var stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(null, new IIOImage(cropped, null, null), param);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }
}
