package uk.gov.council.cap.kiosk.devices;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.council.cap.devices.SelfTest;
import uk.gov.council.cap.devices.camera.Camera;
import uk.gov.council.cap.devices.camera.SimulatedCamera;
import uk.gov.council.cap.devices.camera.WebcamCaptureCamera;
import uk.gov.council.cap.devices.printer.CupsPrinter;
import uk.gov.council.cap.devices.printer.Printer;
import uk.gov.council.cap.devices.printer.SimulatedPrinter;
import uk.gov.council.cap.devices.scanner.SaneScanner;
import uk.gov.council.cap.devices.scanner.Scanner;
import uk.gov.council.cap.devices.scanner.SimulatedScanner;
import uk.gov.council.cap.kiosk.KioskConfig;

/**
 * The kiosk's scanner, document camera and printer, as its settings name them: "simulated" (demo
 * and training, labelled on screen) or a real device. A technician can change them from the
 * console; the new settings arrive in kiosk.config and take effect for the next scan or print.
 */
public final class KioskDevices {
  private static final Logger LOG = LoggerFactory.getLogger(KioskDevices.class);

  /** One device's health for the fleet page. */
  public record Health(String device, String state, boolean simulated, String detail) {}

  private final KioskConfig config;
  private volatile String scannerName;
  private volatile String printerName;
  private volatile String cameraName;
  private volatile Scanner scanner;
  private volatile Printer printer;
  private volatile Camera documentCamera;

  public KioskDevices(KioskConfig config) {
    this.config = config;
    apply(Map.of());
  }

  /**
   * Settings from the server override the kiosk's own; a missing one goes back to the kiosk's own.
   */
  public synchronized boolean apply(Map<String, String> fromServer) {
    String s = fromServer.getOrDefault("scanner", config.scanner());
    String p = fromServer.getOrDefault("printer", config.printer());
    String c = fromServer.getOrDefault("documentCamera", config.documentCamera());
    boolean changed = false;
    if (!Objects.equals(s, scannerName)) {
      scanner =
          s.equals("simulated")
              ? new SimulatedScanner(2)
              : new SaneScanner(s, "scanimage", Duration.ofMinutes(2), config.scannerOptions());
      scannerName = s;
      changed = true;
    }
    if (!Objects.equals(p, printerName)) {
      printer =
          p.equals("simulated")
              ? new SimulatedPrinter(Path.of(config.printerFolder()))
              : new CupsPrinter(p, Duration.ofSeconds(60));
      printerName = p;
      changed = true;
    }
    if (!Objects.equals(c, cameraName)) {
      documentCamera =
          c.equals("simulated")
              ? new SimulatedCamera(Camera.Role.DOCUMENT, Optional.empty())
              : new WebcamCaptureCamera(Camera.Role.DOCUMENT, c);
      cameraName = c;
      changed = true;
    }
    if (changed) {
      LOG.info(
          "Devices: scanner={}, printer={}, document camera={}",
          scannerName,
          printerName,
          cameraName);
    }
    return changed;
  }

  public Scanner scanner() {
    return scanner;
  }

  public Printer printer() {
    return printer;
  }

  public Camera documentCamera() {
    return documentCamera;
  }

  /**
   * Runs each device's self-test; a few seconds for real devices, so never while a resident is
   * being served.
   */
  public List<Health> check() {
    List<Health> out = new ArrayList<>();
    selfTests()
        .forEach(
            (device, t) ->
                out.add(
                    new Health(
                        device,
                        t.state().name(),
                        simulatedDevice(device),
                        t.passed() ? t.detail() : t.detail() + " " + t.fix())));
    return out;
  }

  /**
   * Each device's self-test by its fleet name (scanner, printer, document_camera), with the fix for
   * a failure.
   */
  public Map<String, SelfTest> selfTests() {
    Map<String, SelfTest> out = new java.util.LinkedHashMap<>();
    out.put("scanner", safely(scanner::selfTest, "Scanner"));
    out.put("printer", safely(printer::selfTest, "Printer"));
    out.put("document_camera", safely(documentCamera::selfTest, "Document camera"));
    return out;
  }

  public boolean simulatedDevice(String device) {
    return switch (device) {
      case "scanner" -> scanner.simulated();
      case "printer" -> printer.simulated();
      default -> documentCamera.simulated();
    };
  }

  private static SelfTest safely(java.util.function.Supplier<SelfTest> test, String device) {
    try {
      return test.get();
    } catch (RuntimeException e) {
      return new SelfTest(
          device,
          false,
          uk.gov.council.cap.devices.DeviceState.FAILED,
          "The self-test failed: " + e.getMessage(),
          "Restart the kiosk; if it happens again, call support.");
    }
  }
}
