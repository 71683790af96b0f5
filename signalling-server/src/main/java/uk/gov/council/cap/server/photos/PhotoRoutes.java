package uk.gov.council.cap.server.photos;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import uk.gov.council.cap.server.artefacts.JpegUpload;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.incall.KioskUpload;
import uk.gov.council.cap.server.kiosks.Kiosk;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.staff.Access;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.StaffAuth;

/**
 * The console's ID photo actions, and the kiosk's upload of the still (its own credentials, the
 * SHA-256).
 */
public final class PhotoRoutes {
  private final PhotoDesk desk;
  private final PhotoSessionRepository sessions;
  private final AuditLog audit;
  private final KioskUpload uploads;

  public PhotoRoutes(
      PhotoDesk desk,
      PhotoSessionRepository sessions,
      KioskRepository kiosks,
      AuditLog audit,
      JpegUpload images) {
    this.uploads = new KioskUpload(kiosks, images);
    this.desk = desk;
    this.sessions = sessions;
    this.audit = audit;
  }

  public record ApproveInput(String holderName) {}

  public void register(Javalin app) {
    app.post(
        "/api/calls/{id}/photos",
        ctx ->
            ctx.status(201)
                .json(desk.view(desk.request(ctx.pathParam("id"), StaffAuth.staff(ctx)))),
        Role.ADVISOR,
        Role.SUPERVISOR);
    app.get("/api/photos/{id}/still", this::still, Role.ADVISOR, Role.SUPERVISOR);
    app.post(
        "/api/photos/{id}/retake",
        ctx -> ctx.json(desk.view(desk.retake(ctx.pathParam("id"), StaffAuth.staff(ctx)))),
        Role.ADVISOR,
        Role.SUPERVISOR);
    app.post(
        "/api/photos/{id}/approve",
        ctx -> {
          ApproveInput in =
              ctx.body().isBlank() ? new ApproveInput(null) : ctx.bodyAsClass(ApproveInput.class);
          ctx.json(
              desk.view(desk.approve(ctx.pathParam("id"), in.holderName(), StaffAuth.staff(ctx))));
        },
        Role.ADVISOR,
        Role.SUPERVISOR);
    app.put("/api/kiosk/photos/{id}", this::upload, Access.KIOSK);
  }

  private void still(Context ctx) throws IOException {
    PhotoSession p = sessions.find(ctx.pathParam("id")).orElseThrow(PhotoDesk::noSuchPhoto);
    byte[] bytes = desk.still(p);
    audit.record(StaffAuth.staff(ctx).auditName(), "photo.viewed", p.caseId(), p.id(), null);
    ctx.header("Cache-Control", "no-store").contentType("image/jpeg").result(bytes);
  }

  private void upload(Context ctx) throws IOException {
    Kiosk kiosk = uploads.kiosk(ctx);
    byte[] body = uploads.body(ctx);
    PhotoSession p =
        desk.stillUploaded(kiosk.id(), ctx.pathParam("id"), body, ctx.header("X-Content-SHA256"));
    ctx.status(201).json(desk.view(p));
  }
}
