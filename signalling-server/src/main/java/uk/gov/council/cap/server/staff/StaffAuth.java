package uk.gov.council.cap.server.staff;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import java.util.Optional;
import java.util.Set;
import uk.gov.council.cap.server.Digests;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.kiosks.Kiosk;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.web.ApiError;

/**
 * Enforces who may use each HTTP route, as the route declares it: {@link Access#PUBLIC} (anyone),
 * {@link Access#KIOSK} (an enrolled kiosk's credentials) or staff {@link Role}s (a session, the
 * role, and the CSRF token on changes). A route cannot be registered without a declaration ({@link
 * RouteDeclarations}); only static files (the console's pages, which hold nothing until the API
 * lets them) reach here with none.
 */
public final class StaffAuth {
  public static final String COOKIE = "cap_session";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  private static final String SESSION_ATTRIBUTE = "cap.session";

  private static final String KIOSK_ATTRIBUTE = "cap.kiosk";

  private final SessionStore sessions;
  private final KioskRepository kiosks;
  private final AuditLog audit;

  public StaffAuth(SessionStore sessions, KioskRepository kiosks, AuditLog audit) {
    this.sessions = sessions;
    this.kiosks = kiosks;
    this.audit = audit;
  }

  /** Javalin {@code beforeMatched} handler. */
  public void check(Context ctx) {
    Set<RouteRole> roles = ctx.routeRoles();
    if (roles.isEmpty() || roles.contains(Access.PUBLIC)) {
      return;
    }
    if (roles.contains(Access.KIOSK)) {
      Optional<Kiosk> kiosk = kiosks.fromAuthorizationHeader(ctx.header("Authorization"));
      if (kiosk.isPresent()) {
        ctx.attribute(KIOSK_ATTRIBUTE, kiosk.get());
        return;
      }
      if (roles.stream().noneMatch(r -> r instanceof Role)) {
        throw kioskRefused(ctx);
      }
    }
    SessionStore.Session session =
        sessionOf(ctx)
            .orElseThrow(
                () ->
                    new ApiError(
                        401, "You are not signed in, or your session has ended. Sign in again."));
    if (!roles.contains(session.staff().role())) {
      throw new ApiError(
          403, "Your role (" + session.staff().role().name().toLowerCase() + ") cannot do this.");
    }
    if (isUnsafe(ctx.method()) && !Digests.sameText(ctx.header(CSRF_HEADER), session.csrfToken())) {
      throw new ApiError(
          403,
          "This request was refused because it did not come from the console page. Reload the page and try again.");
    }
    ctx.attribute(SESSION_ATTRIBUTE, session);
  }

  /**
   * Says whether it was a revoked kiosk coming back (audited) or credentials that are simply wrong.
   */
  private ApiError kioskRefused(Context ctx) {
    String claimed = KioskRepository.claimedKioskId(ctx.header("Authorization"));
    if (claimed != null && kiosks.isRevoked(claimed)) {
      audit.record(
          "kiosk:" + claimed, "kiosk.revoked_refused", null, claimed, "REST " + ctx.path());
      return new ApiError(
          401,
          "This kiosk has been revoked. A technician must make a new token and enrol it again.");
    }
    return new ApiError(401, "Kiosk credentials were not accepted.");
  }

  public Optional<SessionStore.Session> sessionOf(Context ctx) {
    return sessions.find(ctx.cookie(COOKIE));
  }

  /** The signed-in member of staff; only valid inside a route that named roles. */
  public static StaffMember staff(Context ctx) {
    SessionStore.Session s = ctx.attribute(SESSION_ATTRIBUTE);
    if (s == null) {
      throw new IllegalStateException("Route did not declare roles");
    }
    return s.staff();
  }

  private static boolean isUnsafe(HandlerType method) {
    return method == HandlerType.POST
        || method == HandlerType.PUT
        || method == HandlerType.PATCH
        || method == HandlerType.DELETE;
  }
}
