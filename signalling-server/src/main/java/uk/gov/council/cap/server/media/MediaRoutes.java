package uk.gov.council.cap.server.media;

import io.javalin.Javalin;
import java.util.Map;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.StaffAuth;

/** {@code GET /api/rtc/ice-servers}: STUN/TURN for the console, with short-lived credentials. */
public final class MediaRoutes {
    private final IceServerProvider iceServers;

    public MediaRoutes(IceServerProvider iceServers) {
        this.iceServers = iceServers;
    }

    public void register(Javalin app) {
        app.get("/api/rtc/ice-servers", ctx -> ctx.json(Map.of(
                "iceServers", iceServers.forPrincipal(StaffAuth.staff(ctx).username()),
                "ttlSeconds", iceServers.ttlSeconds())), Role.ADVISOR, Role.SUPERVISOR);
    }
}
