package uk.gov.council.cap.provisioning.enrol;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import uk.gov.council.cap.devices.DeviceProblem;
import uk.gov.council.cap.devices.camera.Camera;
import uk.gov.council.cap.provisioning.Progress;
import uk.gov.council.cap.provisioning.ProvisioningMain.Problem;

/**
 * Takes pictures with the kiosk's camera until one holds an enrolment token's QR code (ZXing), or
 * time runs out.
 */
final class QrTokenReader {
  private static final Pattern TOKEN = Pattern.compile("([2-9A-HJ-NP-Z]{5}-){3}[2-9A-HJ-NP-Z]{5}");
  private final Camera camera;
  private final Duration patience;

  QrTokenReader(Camera camera, Duration patience) {
    this.camera = camera;
    this.patience = patience;
  }

  String read(Progress progress) {
    long deadline = System.nanoTime() + patience.toNanos();
    int tries = 0;
    while (System.nanoTime() < deadline) {
      tries++;
      try {
        Camera.Capture c = camera.capture();
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(c.jpeg()));
        String text = decode(image);
        if (text != null && TOKEN.matcher(text.strip()).matches()) {
          progress.note("Read the token from the camera");
          return text.strip();
        }
        if (text != null) {
          progress.note("That QR code is not an enrolment token; show the one on the Fleet page");
        }
      } catch (DeviceProblem e) {
        throw new Problem(
            "The camera cannot be used: "
                + e.getMessage()
                + " Type the token with --token instead.");
      } catch (IOException e) {
        // A bad frame: take another.
      }
      if (tries % 10 == 0) {
        progress.note("Still looking for the QR code…");
      }
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new Problem(
        "No enrolment QR code was seen in "
            + patience.toSeconds()
            + " seconds. Hold it closer and"
            + " steadier, or type the token with --token.");
  }

  static String decode(BufferedImage image) {
    if (image == null) {
      return null;
    }
    try {
      Result r =
          new QRCodeReader()
              .decode(
                  new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                  Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
      return r.getText();
    } catch (NotFoundException
        | com.google.zxing.ChecksumException
        | com.google.zxing.FormatException e) {
      return null;
    }
  }
}
