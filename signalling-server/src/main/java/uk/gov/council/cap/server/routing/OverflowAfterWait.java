package uk.gov.council.cap.server.routing;

import java.time.Duration;
import java.util.List;
import uk.gov.council.cap.server.staff.StaffMember;

/**
 * Relaxes another rule once a call has waited long enough: after {@code after} the call may go to
 * an advisor that rule would refuse (any theme, or anyone but the advisor it was meant for), so a
 * resident is not kept waiting for one skill while others are free. Those the relaxed rule serves
 * are still preferred. A zero wait means never.
 */
final class OverflowAfterWait implements RoutingRule {
  private final Duration after;
  private final RoutingRule relaxed;

  OverflowAfterWait(Duration after, RoutingRule relaxed) {
    this.after = after;
    this.relaxed = relaxed;
  }

  @Override
  public boolean serves(StaffMember advisor, CallNeed call) {
    return overflowing(call) || relaxed.serves(advisor, call);
  }

  @Override
  public List<AdvisorPresence> prefer(QueueEntry call, List<AdvisorPresence> candidates) {
    List<AdvisorPresence> skilled =
        candidates.stream().filter(a -> relaxed.serves(a.staff, call.need())).toList();
    return relaxed.prefer(call, skilled.isEmpty() ? candidates : skilled);
  }

  private boolean overflowing(CallNeed call) {
    return !after.isZero() && call.waited().compareTo(after) >= 0;
  }
}
