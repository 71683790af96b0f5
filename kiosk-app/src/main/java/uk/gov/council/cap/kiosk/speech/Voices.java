package uk.gov.council.cap.kiosk.speech;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which espeak-ng voice reads each kiosk language. The kiosk's languages have voices of their own
 * in Debian's espeak-ng-data; a language a council adds as a catalogue is tried by its code, which
 * is how espeak-ng names most of its voices.
 */
final class Voices {
  private static final Map<String, String> KNOWN =
      Map.of(
          "en", "en-gb",
          "cy", "cy",
          "pl", "pl",
          "ro", "ro",
          "ur", "ur",
          "pa", "pa",
          "bn", "bn");

  /** A language tag as the kiosk's catalogues name them: "pl", "en-GB", "pt-BR"; nothing else. */
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[a-z0-9]{2,8})?");

  private Voices() {}

  static String forLanguage(String code) throws SpeechRefused {
    String c = code == null ? "" : code.trim().toLowerCase(java.util.Locale.ROOT);
    if (!LANGUAGE.matcher(c).matches()) {
      throw new SpeechRefused(
          SpeechRefused.Why.BAD_REQUEST,
          "The language must be a code such as en or pl, not \"" + shorten(code) + "\".");
    }
    // "pl-PL" is read by the Polish voice; a code espeak-ng does not know fails when spoken, and
    // the page is told.
    String base = c.contains("-") ? c.substring(0, c.indexOf('-')) : c;
    return KNOWN.getOrDefault(base, c);
  }

  private static String shorten(String s) {
    if (s == null) {
      return "";
    }
    return s.length() > 20 ? s.substring(0, 20) + "…" : s;
  }
}
