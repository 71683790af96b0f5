package uk.gov.council.cap.kiosk.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.kiosk.KioskConfig;

/** CAP_KIOSK_FAKE_MEDIA: its values, and the Chromium switches each one means. */
class FakeMediaTest {
  private static final Map<String, String> IDENTITY =
      Map.of("CAP_KIOSK_ID", "k1", "CAP_KIOSK_SECRET", "s");

  @Test
  void eachValueHasItsChromiumSwitches() {
    assertThat(FakeMedia.OFF.chromiumSwitches()).isEmpty();
    assertThat(FakeMedia.CAMERA.chromiumSwitches())
        .containsExactly("--use-fake-device-for-media-stream");
    assertThat(FakeMedia.NO_CAMERA.chromiumSwitches())
        .containsExactly("--use-fake-device-for-media-stream=device-count=0");
  }

  @Test
  void theKioskUsesItsRealDevicesUnlessToldOtherwise() {
    assertThat(KioskConfig.from(IDENTITY, List.of()).fakeMedia()).isEqualTo(FakeMedia.OFF);
    assertThat(FakeMedia.parse(" ")).isEqualTo(FakeMedia.OFF);
  }

  @Test
  void theSettingComesFromTheEnvironmentOrAFlag() {
    Map<String, String> env = new java.util.HashMap<>(IDENTITY);
    env.put("CAP_KIOSK_FAKE_MEDIA", "no-camera");
    assertThat(KioskConfig.from(env, List.of()).fakeMedia()).isEqualTo(FakeMedia.NO_CAMERA);
    assertThat(KioskConfig.from(env, List.of("--kiosk-fake-media=Camera")).fakeMedia())
        .isEqualTo(FakeMedia.CAMERA);
    for (FakeMedia m : FakeMedia.values()) {
      assertThat(FakeMedia.parse(m.setting())).isEqualTo(m);
    }
  }

  @Test
  void anUnknownValueIsRefusedWithTheChoices() {
    Map<String, String> env = new java.util.HashMap<>(IDENTITY);
    env.put("CAP_KIOSK_FAKE_MEDIA", "webcam");
    assertThatThrownBy(() -> KioskConfig.from(env, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("CAP_KIOSK_FAKE_MEDIA must be off, camera or no-camera, not webcam");
  }
}
