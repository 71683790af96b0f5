package uk.gov.council.cap.server.staff;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;
import java.util.Optional;
import java.util.Set;
import uk.gov.council.cap.server.Digests;
import uk.gov.council.cap.server.web.ApiError;

/**
 * Enforces sign-in, roles and CSRF for every HTTP route that names roles. Routes without roles
 * are public (sign-in, health, static pages).
 */
public final class StaffAuth {
    public static final String COOKIE = "cap_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String SESSION_ATTRIBUTE = "cap.session";

    private final SessionStore sessions;

    public StaffAuth(SessionStore sessions) {
        this.sessions = sessions;
    }

    /** Javalin {@code beforeMatched} handler. */
    public void check(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (roles.isEmpty()) {
            return;
        }
        SessionStore.Session session = sessionOf(ctx)
                .orElseThrow(() -> new ApiError(401, "You are not signed in, or your session has ended. Sign in again."));
        if (!roles.contains(session.staff().role())) {
            throw new ApiError(403, "Your role (" + session.staff().role().name().toLowerCase()
                    + ") cannot do this.");
        }
        if (isUnsafe(ctx.method()) && !Digests.sameText(ctx.header(CSRF_HEADER), session.csrfToken())) {
            throw new ApiError(403, "This request was refused because it did not come from the console page. Reload the page and try again.");
        }
        ctx.attribute(SESSION_ATTRIBUTE, session);
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
        return method == HandlerType.POST || method == HandlerType.PUT || method == HandlerType.PATCH
                || method == HandlerType.DELETE;
    }
}
