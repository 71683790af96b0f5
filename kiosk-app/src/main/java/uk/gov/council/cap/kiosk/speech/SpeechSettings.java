package uk.gov.council.cap.kiosk.speech;

import java.time.Duration;
import java.util.Map;

/**
 * How the kiosk reads its screen aloud (ADR 0041).
 *
 * @param enabled whether Listen is offered at all ({@code CAP_KIOSK_SPEECH}, {@code on} or {@code
 *     off})
 * @param command the espeak-ng program, a name on the PATH or a full path ({@code
 *     CAP_KIOSK_SPEECH_COMMAND})
 * @param wordsPerMinute how fast it speaks ({@code CAP_KIOSK_SPEECH_RATE}); espeak-ng's own 175 is
 *     quick for many older listeners, so the default is 145
 * @param maxChars the longest text one request may ask for ({@code CAP_KIOSK_SPEECH_MAX_CHARS}); a
 *     screen read aloud is a few hundred characters
 * @param timeLimit how long one utterance may take to make ({@code
 *     CAP_KIOSK_SPEECH_TIME_LIMIT_MILLIS}); espeak-ng makes a screen's speech in well under a
 *     second
 */
public record SpeechSettings(
    boolean enabled, String command, int wordsPerMinute, int maxChars, Duration timeLimit) {

  public static final SpeechSettings DEFAULTS =
      new SpeechSettings(true, "espeak-ng", 145, 4000, Duration.ofSeconds(10));

  public SpeechSettings {
    if (command == null || command.isBlank()) {
      throw new IllegalArgumentException(
          "CAP_KIOSK_SPEECH_COMMAND must name the espeak-ng program");
    }
    if (wordsPerMinute < 80 || wordsPerMinute > 450) {
      throw new IllegalArgumentException(
          "CAP_KIOSK_SPEECH_RATE must be between 80 and 450 words a minute");
    }
    if (maxChars < 1 || maxChars > 100_000) {
      throw new IllegalArgumentException("CAP_KIOSK_SPEECH_MAX_CHARS must be between 1 and 100000");
    }
    if (timeLimit.isNegative() || timeLimit.isZero()) {
      throw new IllegalArgumentException("CAP_KIOSK_SPEECH_TIME_LIMIT_MILLIS must be more than 0");
    }
  }

  /** From {@code CAP_KIOSK_SPEECH*} settings, defaults for the ones not given. */
  public static SpeechSettings from(Map<String, String> s) {
    String onOff = s.getOrDefault("CAP_KIOSK_SPEECH", "on").trim().toLowerCase();
    if (!onOff.equals("on") && !onOff.equals("off")) {
      throw new IllegalArgumentException("CAP_KIOSK_SPEECH must be on or off");
    }
    return new SpeechSettings(
        onOff.equals("on"),
        s.getOrDefault("CAP_KIOSK_SPEECH_COMMAND", DEFAULTS.command()).trim(),
        number(s, "CAP_KIOSK_SPEECH_RATE", DEFAULTS.wordsPerMinute()),
        number(s, "CAP_KIOSK_SPEECH_MAX_CHARS", DEFAULTS.maxChars()),
        Duration.ofMillis(
            number(
                s, "CAP_KIOSK_SPEECH_TIME_LIMIT_MILLIS", (int) DEFAULTS.timeLimit().toMillis())));
  }

  private static int number(Map<String, String> s, String key, int fallback) {
    try {
      return Integer.parseInt(s.getOrDefault(key, String.valueOf(fallback)).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number");
    }
  }
}
