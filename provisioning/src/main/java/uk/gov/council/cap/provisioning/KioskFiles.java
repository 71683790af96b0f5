package uk.gov.council.cap.provisioning;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the kiosk's settings file lives: {@code --config}, else {@code CAP_KIOSK_CONFIG}, else
 * {@code /etc/cap-kiosk/kiosk.properties} for root (the installed kiosk, as the systemd unit reads
 * it), else {@code ~/.config/cap-kiosk/kiosk.properties}.
 */
public final class KioskFiles {
  private KioskFiles() {}

  public static Path settingsFile(Path given, Map<String, String> env) {
    if (given != null) {
      return given;
    }
    String fromEnv = env.get("CAP_KIOSK_CONFIG");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv);
    }
    if ("root".equals(System.getProperty("user.name"))) {
      return Path.of("/etc/cap-kiosk/kiosk.properties");
    }
    return Path.of(System.getProperty("user.home"), ".config", "cap-kiosk", "kiosk.properties");
  }
}
