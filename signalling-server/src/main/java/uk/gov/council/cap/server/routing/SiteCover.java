package uk.gov.council.cap.server.routing;

import uk.gov.council.cap.server.staff.StaffMember;

/** An advisor takes calls from the sites they cover (every site if they name none). */
final class SiteCover implements RoutingRule {
  @Override
  public boolean serves(StaffMember advisor, CallNeed call) {
    return advisor.servesSite(call.siteId());
  }
}
