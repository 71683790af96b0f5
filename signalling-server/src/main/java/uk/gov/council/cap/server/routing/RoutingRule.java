package uk.gov.council.cap.server.routing;

import java.util.List;
import uk.gov.council.cap.server.staff.StaffMember;

/**
 * One rule of routing. {@link RoutingRules} puts them in order: every rule's {@link #serves} must
 * agree that an advisor may take a call at all, then each rule in turn narrows the free advisors
 * who serve it to those it would rather offer the call to, and the first left is offered it. So a
 * council could reorder them, or add one, in one place, and the desk's queue, offers and timers
 * stay as they are.
 */
interface RoutingRule {
  /**
   * Whether this advisor could take such a call at all (their skills), free or not: a queue with
   * nobody signed in who serves it tells residents so rather than keep them waiting. A rule with no
   * say answers yes.
   */
  default boolean serves(StaffMember advisor, CallNeed call) {
    return true;
  }

  /**
   * Of the candidates (free now, served, in the order the earlier rules left them), those this rule
   * would rather offer the call to. Never empty when the candidates are not: a preference must not
   * keep a resident waiting while an advisor who serves them is free. A rule with no preference
   * returns the candidates.
   */
  default List<AdvisorPresence> prefer(QueueEntry call, List<AdvisorPresence> candidates) {
    return candidates;
  }
}
