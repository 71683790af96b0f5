package uk.gov.council.cap.server.fleet;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import uk.gov.council.cap.server.web.ApiError;

/**
 * A kiosk's devices as a technician sets them in the console: each is "simulated" (demo and
 * training), a device name, or blank to keep what the kiosk was enrolled with. Pushed to the kiosk
 * in kiosk.config.
 */
public record DeviceSettings(String scanner, String printer, String documentCamera) {
  private static final Pattern SANE_DEVICE = Pattern.compile("[A-Za-z0-9_:./@-]{1,100}");
  private static final Pattern CUPS_QUEUE = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
  private static final Pattern CAMERA = Pattern.compile("[\\p{L}\\p{N} _:./()-]{1,100}");

  /** The settings to store and push, or a 400 naming each field that is wrong. */
  public Map<String, String> validated() {
    Map<String, String> errors = new LinkedHashMap<>();
    Map<String, String> out = new LinkedHashMap<>();
    check(
        "scanner",
        scanner,
        SANE_DEVICE,
        "Enter \"simulated\" or the scanner's SANE name, like epson2:libusb:001:004",
        out,
        errors);
    check(
        "printer",
        printer,
        CUPS_QUEUE,
        "Enter \"simulated\" or the CUPS printer queue's name, like kiosk-printer",
        out,
        errors);
    check(
        "documentCamera",
        documentCamera,
        CAMERA,
        "Enter \"simulated\" or part of the document camera's name",
        out,
        errors);
    if (!errors.isEmpty()) {
      throw new ApiError(400, "There is a problem with the device settings", errors);
    }
    return out;
  }

  private static void check(
      String field,
      String value,
      Pattern pattern,
      String message,
      Map<String, String> out,
      Map<String, String> errors) {
    if (value == null || value.isBlank()) {
      return;
    }
    if (!pattern.matcher(value.strip()).matches()) {
      errors.put(field, message);
    } else {
      out.put(field, value.strip());
    }
  }
}
