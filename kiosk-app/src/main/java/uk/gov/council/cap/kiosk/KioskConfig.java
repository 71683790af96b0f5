package uk.gov.council.cap.kiosk;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import uk.gov.council.cap.kiosk.shell.FakeMedia;
import uk.gov.council.cap.kiosk.speech.SpeechSettings;

/**
 * Everything the kiosk needs to know, in one typed place: defaults, overridden by {@code CAP_*}
 * environment variables, overridden by command-line flags.
 *
 * @param serverUrl the signalling server, e.g. {@code https://cap.council.example}
 * @param kioskId this kiosk's identity, issued at enrolment
 * @param kioskSecret this kiosk's secret, issued at enrolment; never given to the browser
 * @param uiPort loopback port for the kiosk UI; 0 picks a free one
 * @param headless serve the UI on loopback only, without the JCEF window
 * @param scanner {@code simulated} (demo and training, labelled) or a SANE device name, e.g. {@code
 *     epson2:libusb:001:004}
 * @param scannerOptions extra options for that SANE backend, space separated (empty for most
 *     scanners)
 * @param printer {@code simulated} (prints into {@code printerFolder}, labelled) or a CUPS queue
 *     name
 * @param printerFolder where the simulated printer puts what it prints
 * @param documentCamera {@code simulated}, or part of the document camera's name (Webcam Capture)
 * @param workDir where captured images wait until the server has them; emptied between residents
 * @param heartbeat how often kiosk-app tells the server it is alive (30 s; the server refuses more
 *     than one in 5 s)
 * @param deviceCheck how often, between residents, the devices' self-tests run for the fleet page
 * @param linkHold how long the server may be silent before kiosk-app reconnects (the server pings
 *     every 3 s), and how often kiosk-app tells its screen it is still there
 * @param fakeMedia the camera and microphone the JCEF shell offers the kiosk page: {@code off} (the
 *     real ones, the default), {@code camera} (Chromium's fake camera and microphone) or {@code
 *     no-camera} (a fake microphone and no camera); see {@link FakeMedia}
 * @param speech reading the screen aloud with espeak-ng ({@code CAP_KIOSK_SPEECH*}); see {@link
 *     SpeechSettings}
 * @param languagesDir the council's own language files ({@code <code>.json}: new languages and
 *     corrections merged over the built-in words, docs/languages.md); null for none
 * @param orientation the screen's geometry ({@code CAP_KIOSK_ORIENTATION}: auto, portrait or
 *     landscape), told to the screen so it puts the resident's actions within reach
 * @param moreTime how long "Do you need more time?" waits for an answer before the screen starts
 *     again ({@code CAP_KIOSK_MORE_TIME_SECONDS}, 30: WCAG 2.2.1 asks for at least 20)
 */
public record KioskConfig(
    URI serverUrl,
    String kioskId,
    String kioskSecret,
    int uiPort,
    boolean headless,
    String scanner,
    List<String> scannerOptions,
    String printer,
    String printerFolder,
    String documentCamera,
    Path workDir,
    Duration heartbeat,
    Duration deviceCheck,
    LinkHold linkHold,
    FakeMedia fakeMedia,
    SpeechSettings speech,
    Path languagesDir,
    Orientation orientation,
    Duration moreTime) {

  /**
   * How the screen is laid out (ADR 0042): {@code auto} follows the window's shape, {@code
   * portrait} and {@code landscape} fix it for a screen mounted one way whatever the window says.
   */
  public enum Orientation {
    AUTO,
    PORTRAIT,
    LANDSCAPE;

    static Orientation parse(String value) {
      if (value == null || value.isBlank()) {
        return AUTO;
      }
      try {
        return valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "CAP_KIOSK_ORIENTATION must be auto, portrait or landscape, not \"" + value + "\"");
      }
    }

    /** As the screen is told it in kiosk.link. */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Keeping the kiosk's two links alive. {@code serverSilence}: with nothing from the server for
   * this long (the server pings every few seconds), the link is dead (a pulled cable sends no
   * close) and kiosk-app reconnects. {@code screenBeat}: kiosk-app repeats {@code kiosk.link} to
   * its screen this often, so a quiet call never lets the loopback socket go idle and the screen
   * notices within a few beats if kiosk-app stops.
   */
  public record LinkHold(Duration serverSilence, Duration screenBeat) {}

  public KioskConfig {
    if (kioskId == null || kioskId.isBlank() || kioskSecret == null || kioskSecret.isBlank()) {
      throw new IllegalArgumentException(
          "This kiosk has no identity: set CAP_KIOSK_ID and CAP_KIOSK_SECRET"
              + " (issued when the kiosk is enrolled).");
    }
    if (fakeMedia == null) {
      fakeMedia = FakeMedia.OFF;
    }
    if (speech == null) {
      speech = SpeechSettings.DEFAULTS;
    }
    if (orientation == null) {
      orientation = Orientation.AUTO;
    }
    if (moreTime == null) {
      moreTime = Duration.ofSeconds(30);
    }
  }

  /** The server's kiosk WebSocket endpoint: http becomes ws, https becomes wss. */
  public URI serverSocketUri() {
    String base = serverUrl.toString().replaceFirst("/+$", "");
    return URI.create(base.replaceFirst("^http", "ws") + "/ws/kiosk");
  }

  /**
   * Settings in layers: defaults, then the settings file {@code provisioning enrol} wrote (named by
   * {@code CAP_KIOSK_CONFIG} or {@code --kiosk-config=FILE}), then environment variables, then
   * flags.
   */
  public static KioskConfig from(Map<String, String> env, List<String> args) {
    Map<String, String> flags = new HashMap<>();
    boolean headless = false;
    for (String arg : args) {
      if (arg.equals("--headless")) {
        headless = true;
      } else if (arg.startsWith("--") && arg.contains("=")) {
        String key = "CAP_" + arg.substring(2, arg.indexOf('=')).toUpperCase().replace('-', '_');
        flags.put(key, arg.substring(arg.indexOf('=') + 1));
      } else {
        throw new IllegalArgumentException(
            "Unknown option "
                + arg
                + ". Options: --headless --server-url=URL --kiosk-id=ID --kiosk-secret=SECRET --kiosk-ui-port=PORT"
                + " --scanner=simulated|SANE-DEVICE --printer=simulated|CUPS-QUEUE --kiosk-config=FILE"
                + " --kiosk-fake-media=off|camera|no-camera --kiosk-orientation=auto|portrait|landscape");
      }
    }
    Map<String, String> s = new HashMap<>();
    String file = flags.getOrDefault("CAP_KIOSK_CONFIG", env.get("CAP_KIOSK_CONFIG"));
    if (file != null && !file.isBlank()) {
      s.putAll(KioskSettingsFile.read(Path.of(file)));
    }
    s.putAll(env);
    s.putAll(flags);
    int port;
    try {
      port = Integer.parseInt(s.getOrDefault("CAP_KIOSK_UI_PORT", "8081"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("CAP_KIOSK_UI_PORT must be a number");
    }
    String options = s.getOrDefault("CAP_SCANNER_OPTIONS", "").trim();
    return new KioskConfig(
        URI.create(s.getOrDefault("CAP_SERVER_URL", "http://localhost:8080")),
        s.get("CAP_KIOSK_ID"),
        s.get("CAP_KIOSK_SECRET"),
        port,
        headless,
        s.getOrDefault("CAP_SCANNER", "simulated"),
        options.isEmpty() ? List.of() : List.of(options.split("\\s+")),
        s.getOrDefault("CAP_PRINTER", "simulated"),
        s.getOrDefault("CAP_PRINTER_FOLDER", "cap-data/kiosk-printed"),
        s.getOrDefault("CAP_DOCUMENT_CAMERA", "simulated"),
        Path.of(s.getOrDefault("CAP_KIOSK_WORK_DIR", "cap-data/kiosk-work")),
        Duration.ofSeconds(number(s, "CAP_HEARTBEAT_SECONDS", 30)),
        Duration.ofSeconds(number(s, "CAP_DEVICE_CHECK_SECONDS", 300)),
        new LinkHold(
            Duration.ofMillis(number(s, "CAP_KIOSK_SERVER_SILENCE_MILLIS", 10_000)),
            Duration.ofMillis(number(s, "CAP_KIOSK_SCREEN_BEAT_MILLIS", 3000))),
        FakeMedia.parse(s.get("CAP_KIOSK_FAKE_MEDIA")),
        SpeechSettings.from(s),
        optionalPath(s.get("CAP_KIOSK_LANGUAGES_DIR")),
        Orientation.parse(s.get("CAP_KIOSK_ORIENTATION")),
        Duration.ofSeconds(number(s, "CAP_KIOSK_MORE_TIME_SECONDS", 30)));
  }

  private static Path optionalPath(String value) {
    return value == null || value.isBlank() ? null : Path.of(value.trim());
  }

  private static int number(Map<String, String> s, String key, int fallback) {
    try {
      return Integer.parseInt(s.getOrDefault(key, String.valueOf(fallback)).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number");
    }
  }
}
