package uk.gov.council.cap.server.staffadmin;

import io.javalin.Javalin;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.db.Ids;
import uk.gov.council.cap.server.sites.SiteRepository;
import uk.gov.council.cap.server.staff.StaffRepository;
import uk.gov.council.cap.server.web.SlidingWindow;

/**
 * Staff administration, put together for the composition root: the admins' routes and the public
 * page that sets a password from a one-time link.
 */
public final class StaffAdministration {
  private final StaffAdminRoutes adminRoutes;
  private final PasswordRoutes passwordRoutes;

  /**
   * @param linkLifetime how long a one-time password link works
   * @param wrongLinksPerAddressHour how many links that do not work one address may try in an hour
   * @param councilSignIn whether staff can sign in with their council account (so an admin may add
   *     someone who will, with no password link)
   */
  public StaffAdministration(
      Jdbi jdbi,
      Ids ids,
      Clock clock,
      StaffRepository staff,
      SiteRepository sites,
      AuditLog audit,
      Duration linkLifetime,
      int wrongLinksPerAddressHour,
      boolean councilSignIn) {
    PasswordLinks links = new PasswordLinks(jdbi, ids, clock, linkLifetime);
    this.adminRoutes =
        new StaffAdminRoutes(new StaffAdmin(staff, sites, links, audit, councilSignIn));
    this.passwordRoutes =
        new PasswordRoutes(
            links,
            staff,
            audit,
            new SlidingWindow(wrongLinksPerAddressHour, Duration.ofHours(1), clock));
  }

  public void register(Javalin app) {
    adminRoutes.register(app);
    passwordRoutes.register(app);
  }
}
