package uk.gov.council.cap.server.staffadmin;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The languages an advisor can be recorded as speaking: BCP 47 codes with their names in English,
 * chosen for the languages most often needed at English and Welsh council front desks (British Sign
 * Language included). A fixed list, so routing by language (issue 16) matches like with like rather
 * than "Polish" against "polski".
 */
final class Languages {
  private static final Map<String, String> NAMES = new LinkedHashMap<>();

  static {
    NAMES.put("en", "English");
    NAMES.put("cy", "Welsh");
    NAMES.put("bfi", "British Sign Language");
    NAMES.put("ar", "Arabic");
    NAMES.put("bn", "Bengali");
    NAMES.put("bg", "Bulgarian");
    NAMES.put("zh", "Chinese");
    NAMES.put("fa", "Persian (Farsi)");
    NAMES.put("fr", "French");
    NAMES.put("gu", "Gujarati");
    NAMES.put("hi", "Hindi");
    NAMES.put("it", "Italian");
    NAMES.put("ku", "Kurdish");
    NAMES.put("lt", "Lithuanian");
    NAMES.put("pa", "Punjabi");
    NAMES.put("pl", "Polish");
    NAMES.put("ps", "Pashto");
    NAMES.put("pt", "Portuguese");
    NAMES.put("ro", "Romanian");
    NAMES.put("ru", "Russian");
    NAMES.put("so", "Somali");
    NAMES.put("es", "Spanish");
    NAMES.put("ta", "Tamil");
    NAMES.put("ti", "Tigrinya");
    NAMES.put("tr", "Turkish");
    NAMES.put("uk", "Ukrainian");
    NAMES.put("ur", "Urdu");
  }

  private Languages() {}

  static boolean known(String code) {
    return NAMES.containsKey(code);
  }

  /** Code to name, in the order the page lists them. */
  static Map<String, String> all() {
    return NAMES;
  }
}
