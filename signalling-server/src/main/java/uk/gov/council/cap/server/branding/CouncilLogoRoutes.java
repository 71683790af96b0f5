package uk.gov.council.cap.server.branding;

import io.javalin.Javalin;
import java.nio.file.Files;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.staff.Access;
import uk.gov.council.cap.server.web.ApiError;

/**
 * {@code GET /api/kiosk/council-logo}: the council's logo for its kiosks. kiosk-app fetches it with
 * the kiosk's credentials and serves it to its own screen, whose strict CSP loads images from
 * kiosk-app only.
 */
public final class CouncilLogoRoutes {
  private final CouncilBranding branding;
  private final KioskRepository kiosks;

  public CouncilLogoRoutes(CouncilBranding branding, KioskRepository kiosks) {
    this.branding = branding;
    this.kiosks = kiosks;
  }

  public void register(Javalin app) {
    app.get(
        "/api/kiosk/council-logo",
        ctx -> {
          kiosks
              .fromAuthorizationHeader(ctx.header("Authorization"))
              .orElseThrow(() -> new ApiError(401, "Kiosk credentials were not accepted."));
          if (branding.logo().isEmpty()) {
            throw new ApiError(404, "This council has no logo set (CAP_COUNCIL_LOGO).");
          }
          ctx.contentType(branding.logoType());
          ctx.header("Cache-Control", "no-cache");
          ctx.result(Files.readAllBytes(branding.logo().get()));
        },
        Access.KIOSK);
  }
}
