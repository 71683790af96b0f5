package uk.gov.council.cap.server.routing;

import uk.gov.council.cap.server.staff.StaffMember;

/** An advisor takes calls about the enquiry themes they have. */
final class ThemeSkill implements RoutingRule {
  @Override
  public boolean serves(StaffMember advisor, CallNeed call) {
    return advisor.themes().contains(call.theme());
  }
}
