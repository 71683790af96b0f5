package uk.gov.council.cap.server.routing;

import uk.gov.council.cap.server.staff.StaffMember;

/**
 * A call meant for one advisor (parked with them, or passed to a named colleague) goes to that
 * advisor only; {@link OverflowAfterWait} decides when it may go to others instead.
 */
final class TargetedAdvisor implements RoutingRule {
  @Override
  public boolean serves(StaffMember advisor, CallNeed call) {
    return call.targetAdvisorId() == null || call.targetAdvisorId().equals(advisor.id());
  }
}
