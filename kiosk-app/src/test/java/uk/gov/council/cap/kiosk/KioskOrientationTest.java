package uk.gov.council.cap.kiosk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CAP_KIOSK_ORIENTATION: the screen's geometry, for actions within reach (ADR 0042). */
class KioskOrientationTest {
  private static KioskConfig with(String orientation, String... args) {
    Map<String, String> env = new HashMap<>(Map.of("CAP_KIOSK_ID", "k1", "CAP_KIOSK_SECRET", "s"));
    if (orientation != null) {
      env.put("CAP_KIOSK_ORIENTATION", orientation);
    }
    return KioskConfig.from(env, List.of(args));
  }

  @Test
  void autoUnlessSetAndEitherWayAsTheScreenIsMounted() {
    assertThat(with(null).orientation()).isEqualTo(KioskConfig.Orientation.AUTO);
    assertThat(with(" Portrait ").orientation().word()).isEqualTo("portrait");
    assertThat(with(null, "--kiosk-orientation=landscape").orientation())
        .isEqualTo(KioskConfig.Orientation.LANDSCAPE);
  }

  @Test
  void anythingElseIsRefusedSayingWhatIsAllowed() {
    assertThatThrownBy(() -> with("sideways"))
        .hasMessageContaining("CAP_KIOSK_ORIENTATION must be auto, portrait or landscape");
  }
}
