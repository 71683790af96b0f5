package uk.gov.council.cap.devices.camera;

import com.github.sarxos.webcam.Webcam;
import com.github.sarxos.webcam.WebcamException;
import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.imageio.ImageIO;
import uk.gov.council.cap.devices.DeviceProblem;
import uk.gov.council.cap.devices.DeviceState;
import uk.gov.council.cap.devices.SelfTest;

/**
 * A USB camera through the Webcam Capture API (ADR 0019). Its default driver opens cameras at
 * 640×480 unless told otherwise, so this asks for the largest of the camera's reported sizes and
 * the usual HD and still sizes, and uses the largest the camera accepts. Used for a document camera
 * and for the self-test; the face camera's ID photo is taken in the kiosk page, from the call's own
 * stream (ADR 0018).
 */
public final class WebcamCaptureCamera implements Camera {
  private static final List<Resolution> STILL_SIZES =
      List.of(
          new Resolution(2592, 1944),
          new Resolution(1920, 1080),
          new Resolution(1280, 720),
          new Resolution(640, 480));
  private final Role role;
  private final String nameContains;

  /**
   * @param nameContains part of the camera's name (as {@code v4l2-ctl --list-devices} shows it);
   *     empty for the first
   */
  public WebcamCaptureCamera(Role role, String nameContains) {
    this.role = role;
    this.nameContains = nameContains;
  }

  @Override
  public String name() {
    return (role == Role.FACE ? "Face" : "Document")
        + " camera"
        + (nameContains.isEmpty() ? "" : " \"" + nameContains + "\"");
  }

  @Override
  public Role role() {
    return role;
  }

  @Override
  public boolean simulated() {
    return false;
  }

  @Override
  public List<Resolution> resolutions() throws DeviceProblem {
    Webcam webcam = find();
    Set<Resolution> sizes = new LinkedHashSet<>();
    for (Dimension d : webcam.getViewSizes()) sizes.add(new Resolution(d.width, d.height));
    sizes.addAll(STILL_SIZES);
    List<Resolution> sorted = new ArrayList<>(sizes);
    sorted.sort(Comparator.comparingLong(Resolution::pixels).reversed());
    return sorted;
  }

  @Override
  public Capture capture() throws DeviceProblem {
    Webcam webcam = find();
    List<Resolution> sizes = resolutions();
    webcam.setCustomViewSizes(
        sizes.stream().map(r -> new Dimension(r.width(), r.height())).toArray(Dimension[]::new));
    for (Resolution size : sizes) {
      try {
        webcam.setViewSize(new Dimension(size.width(), size.height()));
        if (!webcam.open()) continue;
        BufferedImage image = webcam.getImage();
        webcam.close();
        if (image == null) continue;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return new Capture(out.toByteArray(), image.getWidth(), image.getHeight());
      } catch (WebcamException | IllegalArgumentException | IOException e) {
        webcam.close();
      }
    }
    throw new DeviceProblem(
        DeviceState.FAILED, "The camera could not take a picture. Try again.", null);
  }

  @Override
  public SelfTest selfTest() {
    try {
      Capture c = capture();
      return SelfTest.pass(name(), "Took a " + c.width() + "×" + c.height() + " picture");
    } catch (DeviceProblem p) {
      return SelfTest.fail(
          name(),
          p,
          p.state() == DeviceState.UNPLUGGED
              ? "Check the camera's USB cable and power; `v4l2-ctl --list-devices` must list it. Then run the self-test again."
              : "Unplug the camera and plug it in again; close any program using it; then run the self-test again.");
    }
  }

  private Webcam find() throws DeviceProblem {
    List<Webcam> cameras;
    try {
      cameras = Webcam.getWebcams(10, TimeUnit.SECONDS);
    } catch (TimeoutException | WebcamException e) {
      throw new DeviceProblem(DeviceState.UNPLUGGED, "No camera was found.", e);
    }
    Optional<Webcam> match =
        cameras.stream().filter(w -> w.getName().contains(nameContains)).findFirst();
    return match.orElseThrow(
        () -> new DeviceProblem(DeviceState.UNPLUGGED, "No camera was found.", null));
  }
}
