package uk.gov.council.cap.server.routing;

import java.util.List;

/**
 * An offer that lapsed goes to another free advisor who serves the call, not back to the one who
 * missed it; back to them only when nobody else is free.
 */
final class NotMissedBefore implements RoutingRule {
  @Override
  public List<AdvisorPresence> prefer(QueueEntry call, List<AdvisorPresence> candidates) {
    List<AdvisorPresence> others =
        candidates.stream().filter(a -> !call.missedBy.contains(a.staff.id())).toList();
    return others.isEmpty() ? candidates : others;
  }
}
