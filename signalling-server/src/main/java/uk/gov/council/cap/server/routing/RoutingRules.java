package uk.gov.council.cap.server.routing;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import uk.gov.council.cap.server.staff.StaffMember;

/**
 * The routing rules in order: the one place they are composed. An advisor serves a call if every
 * rule says so; of the free advisors who serve it, each rule in turn keeps those it prefers, and
 * the first left is offered the call.
 */
final class RoutingRules {
  private final List<RoutingRule> rules;

  RoutingRules(List<RoutingRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /**
   * The council's desk: the sites an advisor covers always count; a call meant for one advisor
   * waits for them and a call waits for an advisor with its theme, each until the overflow wait;
   * then not back to an advisor who let it lapse, a speaker of the resident's language, and the
   * longest idle.
   */
  static RoutingRules standard(RoutingPolicy policy) {
    return new RoutingRules(
        List.of(
            new SiteCover(),
            new OverflowAfterWait(policy.overflowAfter(), new TargetedAdvisor()),
            new OverflowAfterWait(policy.overflowAfter(), new ThemeSkill()),
            new NotMissedBefore(),
            new LanguageSkill(),
            new LongestIdle()));
  }

  boolean serves(StaffMember advisor, CallNeed call) {
    return rules.stream().allMatch(r -> r.serves(advisor, call));
  }

  /** Of the advisors free now who serve the call, the one to offer it to; empty to keep waiting. */
  Optional<AdvisorPresence> choose(QueueEntry call, Collection<AdvisorPresence> free) {
    List<AdvisorPresence> left = List.copyOf(free);
    for (RoutingRule rule : rules) {
      if (left.isEmpty()) {
        break;
      }
      left = rule.prefer(call, left);
    }
    return left.stream().findFirst();
  }
}
