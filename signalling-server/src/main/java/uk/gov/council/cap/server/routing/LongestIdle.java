package uk.gov.council.cap.server.routing;

import java.util.Comparator;
import java.util.List;

/** Of those left, the advisor who has been idle longest is offered the call: fair shares. */
final class LongestIdle implements RoutingRule {
  @Override
  public List<AdvisorPresence> prefer(QueueEntry call, List<AdvisorPresence> candidates) {
    return candidates.stream()
        .min(Comparator.comparing((AdvisorPresence a) -> a.idleSince))
        .map(List::of)
        .orElse(List.of());
  }
}
