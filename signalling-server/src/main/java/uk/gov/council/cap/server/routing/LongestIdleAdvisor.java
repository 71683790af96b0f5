package uk.gov.council.cap.server.routing;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import uk.gov.council.cap.server.staff.StaffMember;

/**
 * Today's rule: an advisor serves the themes they have, at the sites they cover (every site if they
 * name none); the call goes to the one who has been idle longest, so work is shared fairly. A
 * resident who chose another language than English is offered first to the longest-idle free
 * advisor who speaks it, and to anyone free if no speaker is: nobody waits for a speaker while an
 * advisor is free (an interpreter line or the text chat can bridge the gap).
 */
final class LongestIdleAdvisor implements RoutingRule {
  /** Everyone at an English council's desk speaks English: no preference, fair shares. */
  private static final String SERVICE_LANGUAGE = "en";

  @Override
  public boolean serves(StaffMember advisor, CallNeed call) {
    return advisor.themes().contains(call.theme()) && advisor.servesSite(call.siteId());
  }

  @Override
  public Optional<AdvisorPresence> choose(QueueEntry call, Collection<AdvisorPresence> free) {
    Comparator<AdvisorPresence> longestIdle = Comparator.comparing(a -> a.idleSince);
    String language = call.language;
    if (language != null && !primary(language).equals(SERVICE_LANGUAGE)) {
      Optional<AdvisorPresence> speaker =
          free.stream().filter(a -> speaks(a.staff.languages(), language)).min(longestIdle);
      if (speaker.isPresent()) {
        return speaker;
      }
    }
    return free.stream().min(longestIdle);
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
