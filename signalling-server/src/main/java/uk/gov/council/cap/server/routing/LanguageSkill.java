package uk.gov.council.cap.server.routing;

import java.util.List;
import java.util.Set;

/**
 * A resident who chose another language than English is offered first to a free advisor who speaks
 * it, and to anyone free if no speaker is: nobody waits for a speaker while an advisor is free (an
 * interpreter line or the text chat can bridge the gap).
 */
final class LanguageSkill implements RoutingRule {
  /** Everyone at an English council's desk speaks English: no preference, fair shares. */
  private static final String SERVICE_LANGUAGE = "en";

  @Override
  public List<AdvisorPresence> prefer(QueueEntry call, List<AdvisorPresence> candidates) {
    String language = call.language;
    if (language == null || primary(language).equals(SERVICE_LANGUAGE)) {
      return candidates;
    }
    List<AdvisorPresence> speakers =
        candidates.stream().filter(a -> speaks(a.staff.languages(), language)).toList();
    return speakers.isEmpty() ? candidates : speakers;
  }

  /** "pt-BR" is served by an advisor recorded as speaking "pt-BR" or "pt". */
  static boolean speaks(Set<String> languages, String language) {
    return languages != null
        && (languages.contains(language) || languages.contains(primary(language)));
  }

  private static String primary(String language) {
    int dash = language.indexOf('-');
    return dash < 0 ? language : language.substring(0, dash);
  }
}
