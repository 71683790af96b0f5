package uk.gov.council.cap.kiosk.shell;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which camera and microphone the JCEF shell's Chromium offers the kiosk page ({@code
 * CAP_KIOSK_FAKE_MEDIA}). A real kiosk uses {@link #OFF}; the fakes are for tests, training and
 * demos on machines without the kiosk's hardware. In every mode the page's request for the camera
 * and microphone is granted without a prompt ({@code --use-fake-ui-for-media-stream}): the shell
 * only ever shows the kiosk UI's own origin. See ADR 0025.
 */
public enum FakeMedia {
  /** The machine's real camera and microphone (the default). */
  OFF("off", List.of()),
  /**
   * Chromium's fake camera (a moving test pattern, {@code fake_device_0}) and fake microphone
   * ("Fake Default Audio Input", which beeps), whatever the machine has.
   */
  CAMERA("camera", List.of("--use-fake-device-for-media-stream")),
  /**
   * The fake microphone but no camera at all: Chromium's fake video capture factory with {@code
   * device-count=0} lists no video input, so {@code getUserMedia({video: true, audio: true})} fails
   * with {@code NotFoundError} while {@code getUserMedia({audio: true})} gives a live audio track.
   * This is a kiosk whose camera is unplugged.
   */
  NO_CAMERA("no-camera", List.of("--use-fake-device-for-media-stream=device-count=0"));

  private final String setting;
  private final List<String> switches;

  FakeMedia(String setting, List<String> switches) {
    this.setting = setting;
    this.switches = switches;
  }

  /**
   * The value as written in {@code CAP_KIOSK_FAKE_MEDIA}: {@code off}, {@code camera} or {@code
   * no-camera}.
   */
  public String setting() {
    return setting;
  }

  /** The Chromium switches for this mode, added to the shell's own. */
  public List<String> chromiumSwitches() {
    return switches;
  }

  /** Reads a {@code CAP_KIOSK_FAKE_MEDIA} value; missing or blank is {@link #OFF}. */
  public static FakeMedia parse(String value) {
    if (value == null || value.isBlank()) {
      return OFF;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(m -> m.setting.equals(v))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "CAP_KIOSK_FAKE_MEDIA must be off, camera or no-camera, not " + value.trim()));
  }
}
