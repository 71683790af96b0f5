package uk.gov.council.cap.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which settings file the tool uses: the one named on the command line, then the environment's. */
class KioskFilesTest {
  @Test
  void theCommandLineWinsOverTheEnvironment() {
    assertThat(
            KioskFiles.settingsFile(
                Path.of("/tmp/given.properties"),
                Map.of("CAP_KIOSK_CONFIG", "/tmp/env.properties")))
        .isEqualTo(Path.of("/tmp/given.properties"));
  }

  @Test
  void theEnvironmentWinsOverTheDefault() {
    assertThat(KioskFiles.settingsFile(null, Map.of("CAP_KIOSK_CONFIG", "/tmp/env.properties")))
        .isEqualTo(Path.of("/tmp/env.properties"));
  }

  @Test
  void withNeitherRootUsesTheInstalledKiosksFileAndOthersTheirOwn() {
    Path chosen = KioskFiles.settingsFile(null, Map.of("CAP_KIOSK_CONFIG", " "));
    if ("root".equals(System.getProperty("user.name"))) {
      assertThat(chosen).isEqualTo(Path.of("/etc/cap-kiosk/kiosk.properties"));
    } else {
      assertThat(chosen)
          .isEqualTo(
              Path.of(System.getProperty("user.home"), ".config", "cap-kiosk", "kiosk.properties"));
    }
  }
}
