package uk.gov.council.cap.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import uk.gov.council.cap.devices.camera.Camera;
import uk.gov.council.cap.devices.camera.WebcamCaptureCamera;

/**
 * The real Webcam Capture driver, on a machine with no camera matching the name (CI has none at
 * all): it must say "No camera was found" with the fix, not hang or crash.
 */
class WebcamCaptureCameraTest {
  @Test
  void aCameraThatIsNotThereFailsItsSelfTestWithTheFix() {
    WebcamCaptureCamera camera =
        new WebcamCaptureCamera(Camera.Role.DOCUMENT, "CAP test camera that is not plugged in");
    SelfTest test = camera.selfTest();
    assertThat(test.passed()).isFalse();
    assertThat(test.state()).isEqualTo(DeviceState.UNPLUGGED);
    assertThat(test.detail()).isEqualTo("No camera was found.");
    assertThat(test.fix()).startsWith("Check the camera's USB cable and power");
    assertThatThrownBy(camera::capture).hasMessage("No camera was found.");
  }
}
