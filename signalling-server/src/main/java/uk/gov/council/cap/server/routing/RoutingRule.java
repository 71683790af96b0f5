package uk.gov.council.cap.server.routing;

import java.util.Collection;
import java.util.Optional;
import uk.gov.council.cap.server.staff.StaffMember;

/**
 * Who may take a waiting call, and which of them is offered it. Today's rule is {@link
 * LongestIdleAdvisor}; rules to come (a language skill, overflow to another team) are further
 * implementations, so the desk's queue, offers and timers stay as they are.
 */
interface RoutingRule {
  /**
   * Whether this advisor could take such a call at all (their skills), free or not: a queue with
   * nobody signed in who serves it tells residents so rather than keep them waiting.
   */
  boolean serves(StaffMember advisor, CallNeed call);

  /** Of the advisors free now who serve the call, the one to offer it to; empty to keep waiting. */
  Optional<AdvisorPresence> choose(QueueEntry call, Collection<AdvisorPresence> free);
}
