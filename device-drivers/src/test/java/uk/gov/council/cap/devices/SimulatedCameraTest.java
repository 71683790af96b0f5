package uk.gov.council.cap.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.council.cap.devices.camera.Camera;
import uk.gov.council.cap.devices.camera.SimulatedCamera;

/**
 * The simulated camera: drawn pictures at its best resolution, or a trainer's files served byte for
 * byte.
 */
class SimulatedCameraTest {

  @Test
  void withoutFilesItDrawsAPictureAtItsBestResolution() throws Exception {
    SimulatedCamera camera = new SimulatedCamera(Camera.Role.FACE, Optional.empty());
    Camera.Resolution best =
        camera.resolutions().stream()
            .max(java.util.Comparator.comparingLong(Camera.Resolution::pixels))
            .orElseThrow();
    Camera.Capture capture = camera.capture();
    assertThat(capture.width()).isEqualTo(best.width());
    assertThat(capture.height()).isEqualTo(best.height());
    assertThat(ImageIO.read(new java.io.ByteArrayInputStream(capture.jpeg())).getWidth())
        .isEqualTo(best.width());
    assertThat(camera.simulated()).isTrue();
    assertThat(camera.selfTest().passed()).isTrue();
  }

  @Test
  void aTrainersFilesAreServedInTurnByteForByte(@TempDir Path dir) throws Exception {
    byte[] first = jpeg(800, 600);
    byte[] second = jpeg(1024, 768);
    Files.write(dir.resolve("1-passport.jpg"), first);
    Files.write(dir.resolve("2-bill.jpg"), second);
    SimulatedCamera camera = new SimulatedCamera(Camera.Role.DOCUMENT, Optional.of(dir));
    assertThat(camera.capture().jpeg()).isEqualTo(first);
    Camera.Capture next = camera.capture();
    assertThat(next.jpeg()).isEqualTo(second);
    assertThat(next.width()).isEqualTo(1024);
    assertThat(camera.capture().jpeg()).isEqualTo(first);
  }

  @Test
  void anEmptyFolderIsAnUnpluggedCameraWithTheFix(@TempDir Path dir) {
    SimulatedCamera camera = new SimulatedCamera(Camera.Role.FACE, Optional.of(dir));
    assertThatThrownBy(camera::capture).hasMessage("The camera is not connected.");
    SelfTest test = camera.selfTest();
    assertThat(test.passed()).isFalse();
    assertThat(test.state()).isEqualTo(DeviceState.UNPLUGGED);
    assertThat(test.fix()).startsWith("Put JPEG pictures in");
  }

  private static byte[] jpeg(int w, int h) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "jpg", out);
    return out.toByteArray();
  }
}
