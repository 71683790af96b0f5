package uk.gov.council.cap.server.media;

import io.javalin.Javalin;
import java.util.Map;
import uk.gov.council.cap.server.staff.Access;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.StaffAuth;

/** {@code GET /api/rtc/ice-servers}: STUN/TURN for the console, with short-lived credentials. */
public final class MediaRoutes {
  private final IceServerProvider iceServers;
  private final uk.gov.council.cap.server.kiosks.KioskRepository kiosks;

  public MediaRoutes(
      IceServerProvider iceServers, uk.gov.council.cap.server.kiosks.KioskRepository kiosks) {
    this.iceServers = iceServers;
    this.kiosks = kiosks;
  }

  public void register(Javalin app) {
    app.get(
        "/api/rtc/ice-servers",
        ctx ->
            ctx.json(
                Map.of(
                    "iceServers", iceServers.forPrincipal(StaffAuth.staff(ctx).username()),
                    "ttlSeconds", iceServers.ttlSeconds())),
        Role.ADVISOR,
        Role.SUPERVISOR);
    // The kiosk's own copy, for `provisioning self-test` to check it can reach TURN from where it
    // stands.
    app.get(
        "/api/kiosk/ice-servers",
        ctx -> {
          var kiosk =
              kiosks
                  .fromAuthorizationHeader(ctx.header("Authorization"))
                  .orElseThrow(
                      () ->
                          new uk.gov.council.cap.server.web.ApiError(
                              401, "Kiosk credentials were not accepted."));
          ctx.json(
              Map.of(
                  "iceServers",
                  iceServers.forPrincipal(kiosk.auditName()),
                  "ttlSeconds",
                  iceServers.ttlSeconds()));
        },
        Access.KIOSK);
  }
}
