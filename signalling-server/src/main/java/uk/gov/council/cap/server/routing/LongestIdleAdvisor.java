package uk.gov.council.cap.server.routing;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import uk.gov.council.cap.server.staff.StaffMember;

/**
 * Today's rule: an advisor serves the themes they have, at the sites they cover (every site if they
 * name none); the call goes to the one who has been idle longest, so work is shared fairly.
 */
final class LongestIdleAdvisor implements RoutingRule {
  @Override
  public boolean serves(StaffMember advisor, CallNeed call) {
    return advisor.themes().contains(call.theme()) && advisor.servesSite(call.siteId());
  }

  @Override
  public Optional<AdvisorPresence> choose(QueueEntry call, Collection<AdvisorPresence> free) {
    return free.stream().min(Comparator.comparing(a -> a.idleSince));
  }
}
