package uk.gov.council.cap.server.routing;

import java.util.Locale;

/**
 * A resident's language in words for the case timeline: its English name and its code ("Polish
 * (pl)"). The name comes from the JDK's locale data, so a language a council added on its kiosks
 * still reads as a name where the JDK knows it, and as its code where it does not.
 */
final class LanguageWords {
  private LanguageWords() {}

  /** ", language: Polish (pl)" to follow the enquiry on the timeline; empty when unknown. */
  static String onTimeline(String code) {
    if (code == null || code.isBlank()) {
      return "";
    }
    return ", language: " + englishName(code) + " (" + code + ")";
  }

  static String englishName(String code) {
    String name = Locale.forLanguageTag(code).getDisplayName(Locale.UK);
    return name == null || name.isBlank() ? code : name;
  }
}
