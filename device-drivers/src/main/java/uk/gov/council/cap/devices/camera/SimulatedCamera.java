package uk.gov.council.cap.devices.camera;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import uk.gov.council.cap.devices.DeviceProblem;
import uk.gov.council.cap.devices.DeviceState;
import uk.gov.council.cap.devices.SelfTest;

/**
 * The demo and training twin of a camera. With a folder of JPEG files it serves them in turn, byte
 * for byte (so a trainer can show real-looking photos and documents); without one it draws a
 * head-and-shoulders figure marked "SIMULATED". A folder that is missing or empty behaves like an
 * unplugged camera.
 */
public final class SimulatedCamera implements Camera {
  private static final List<Resolution> RESOLUTIONS =
      List.of(new Resolution(640, 480), new Resolution(1280, 720), new Resolution(1920, 1080));
  private final Role role;
  private final Optional<Path> images;
  private final AtomicInteger next = new AtomicInteger();

  public SimulatedCamera(Role role, Optional<Path> images) {
    this.role = role;
    this.images = images;
  }

  @Override
  public String name() {
    return "Simulated " + (role == Role.FACE ? "face" : "document") + " camera";
  }

  @Override
  public Role role() {
    return role;
  }

  @Override
  public boolean simulated() {
    return true;
  }

  @Override
  public List<Resolution> resolutions() {
    return RESOLUTIONS;
  }

  @Override
  public Capture capture() throws DeviceProblem {
    if (images.isEmpty()) return drawn(RESOLUTIONS.get(RESOLUTIONS.size() - 1));
    List<Path> files = files(images.get());
    Path file = files.get(Math.floorMod(next.getAndIncrement(), files.size()));
    try {
      byte[] jpeg = Files.readAllBytes(file);
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
      if (image == null) throw new IOException(file + " is not an image");
      return new Capture(jpeg, image.getWidth(), image.getHeight());
    } catch (IOException e) {
      throw new DeviceProblem(
          DeviceState.FAILED, "The camera could not take a picture. Try again.", e);
    }
  }

  @Override
  public SelfTest selfTest() {
    try {
      Capture c = capture();
      return SelfTest.pass(
          name(), "Simulated: took a " + c.width() + "×" + c.height() + " picture");
    } catch (DeviceProblem p) {
      return SelfTest.fail(
          name(),
          p,
          "Put JPEG pictures in "
              + images.map(Path::toString).orElse("the folder")
              + ", or leave the folder setting empty for drawn pictures.");
    }
  }

  private static List<Path> files(Path dir) throws DeviceProblem {
    try (Stream<Path> listed = Files.list(dir)) {
      List<Path> files =
          listed
              .filter(f -> f.toString().toLowerCase().matches(".*\\.jpe?g"))
              .sorted(Comparator.naturalOrder())
              .toList();
      if (!files.isEmpty()) return files;
    } catch (IOException e) {
      // the same as an empty folder: below
    }
    throw new DeviceProblem(DeviceState.UNPLUGGED, "The camera is not connected.", null);
  }

  private static Capture drawn(Resolution r) throws DeviceProblem {
    BufferedImage image = new BufferedImage(r.width(), r.height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(222, 226, 230));
    g.fillRect(0, 0, r.width(), r.height());
    g.setColor(new Color(120, 90, 70));
    int cx = r.width() / 2;
    g.fillOval(cx - r.height() / 7, r.height() / 6, r.height() * 2 / 7, r.height() * 3 / 8);
    g.fillRoundRect(
        cx - r.height() / 3, r.height() * 3 / 5, r.height() * 2 / 3, r.height() / 2, 80, 80);
    g.setColor(new Color(212, 53, 28));
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, r.height() / 14));
    g.drawString("SIMULATED", r.width() / 20, r.height() / 10);
    g.dispose();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "jpg", out);
      return new Capture(out.toByteArray(), r.width(), r.height());
    } catch (IOException e) {
      throw new DeviceProblem(
          DeviceState.FAILED, "The camera could not take a picture. Try again.", e);
    }
  }
}
