package uk.gov.council.cap.devices.camera;

import java.util.List;
import uk.gov.council.cap.devices.DeviceProblem;
import uk.gov.council.cap.devices.SelfTest;

/**
 * A kiosk camera: the face camera (calls and ID photos) or, where fitted, a document camera. A
 * capture is a still at the camera's best resolution, as JPEG, for the advisor to see at full
 * quality rather than through the video.
 */
public interface Camera {
  enum Role {
    FACE,
    DOCUMENT
  }

  record Resolution(int width, int height) {
    public long pixels() {
      return (long) width * height;
    }
  }

  record Capture(byte[] jpeg, int width, int height) {}

  String name();

  Role role();

  /** Simulated cameras are labelled on every screen. */
  boolean simulated();

  /** Every resolution the camera offers, as the driver reports them. */
  List<Resolution> resolutions() throws DeviceProblem;

  Capture capture() throws DeviceProblem;

  SelfTest selfTest();
}
