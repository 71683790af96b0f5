package uk.gov.council.cap.server.scans;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Map;
import uk.gov.council.cap.server.artefacts.JpegUpload;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.incall.InCallProblem;
import uk.gov.council.cap.server.incall.KioskUpload;
import uk.gov.council.cap.server.kiosks.Kiosk;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.staff.Access;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.StaffAuth;
import uk.gov.council.cap.server.staff.StaffMember;

/**
 * The console's scan actions, and the kiosk's page upload ({@code PUT}, authenticated with the
 * kiosk's own credentials, the SHA-256 of the body in {@code X-Content-SHA256}).
 */
public final class ScanRoutes {
  private final ScanDesk desk;
  private final ScanSessionRepository sessions;
  private final AuditLog audit;
  private final KioskUpload uploads;

  public ScanRoutes(
      ScanDesk desk,
      ScanSessionRepository sessions,
      KioskRepository kiosks,
      AuditLog audit,
      JpegUpload images) {
    this.uploads = new KioskUpload(kiosks, images);
    this.desk = desk;
    this.sessions = sessions;
    this.audit = audit;
  }

  public record RequestInput(String type, String source) {}

  public record RotateInput(Integer degrees) {}

  public void register(Javalin app) {
    app.post("/api/calls/{id}/scans", this::request, Role.ADVISOR, Role.SUPERVISOR);
    app.get(
        "/api/scans/{id}",
        ctx ->
            ctx.json(
                desk.view(sessions.find(ctx.pathParam("id")).orElseThrow(ScanDesk::noSuchScan))),
        Role.ADVISOR,
        Role.SUPERVISOR);
    app.get("/api/scans/{id}/pages/{n}", this::page, Role.ADVISOR, Role.SUPERVISOR);
    app.post(
        "/api/scans/{id}/pages/{n}/rotate",
        ctx -> {
          RotateInput in = ctx.bodyAsClass(RotateInput.class);
          ctx.json(
              desk.view(
                  desk.rotate(
                      ctx.pathParam("id"),
                      pageNo(ctx),
                      in.degrees() == null ? 90 : in.degrees(),
                      staff(ctx))));
        },
        Role.ADVISOR,
        Role.SUPERVISOR);
    app.delete(
        "/api/scans/{id}/pages/{n}",
        ctx -> ctx.json(desk.view(desk.removePage(ctx.pathParam("id"), pageNo(ctx), staff(ctx)))),
        Role.ADVISOR,
        Role.SUPERVISOR);
    app.post(
        "/api/scans/{id}/more",
        ctx -> ctx.json(desk.view(desk.captureMore(ctx.pathParam("id"), staff(ctx)))),
        Role.ADVISOR,
        Role.SUPERVISOR);
    app.post(
        "/api/scans/{id}/accept",
        ctx -> {
          var doc = desk.accept(ctx.pathParam("id"), staff(ctx));
          ctx.json(
              Map.of(
                  "documentId",
                  doc.id(),
                  "title",
                  doc.title(),
                  "sha256",
                  doc.sha256(),
                  "sizeBytes",
                  doc.sizeBytes()));
        },
        Role.ADVISOR,
        Role.SUPERVISOR);
    app.put("/api/kiosk/scans/{id}/pages/{n}", this::upload, Access.KIOSK);
  }

  private void request(Context ctx) {
    RequestInput in = ctx.bodyAsClass(RequestInput.class);
    ScanType type = parse(ScanType.class, in.type(), "Choose what kind of document this is.");
    ScanSession.Source source =
        in.source() == null
            ? ScanSession.Source.FLATBED
            : parse(
                ScanSession.Source.class,
                in.source(),
                "Choose the glass, the feeder or the camera.");
    ctx.status(201).json(desk.view(desk.request(ctx.pathParam("id"), type, source, staff(ctx))));
  }

  private void page(Context ctx) throws IOException {
    ScanSession s = sessions.find(ctx.pathParam("id")).orElseThrow(ScanDesk::noSuchScan);
    byte[] bytes = desk.pageBytes(s, pageNo(ctx));
    audit.record(
        staff(ctx).auditName(), "scan.page_viewed", s.caseId(), s.id(), "page=" + pageNo(ctx));
    ctx.header("Cache-Control", "no-store").contentType("image/jpeg").result(bytes);
  }

  private void upload(Context ctx) throws IOException {
    Kiosk kiosk = uploads.kiosk(ctx);
    byte[] body = uploads.body(ctx);
    int dpi;
    try {
      dpi = Integer.parseInt(ctx.header("X-Scan-DPI") == null ? "300" : ctx.header("X-Scan-DPI"));
    } catch (NumberFormatException e) {
      throw new InCallProblem(400, "X-Scan-DPI must be a whole number.");
    }
    ScanPage page =
        desk.pageUploaded(
            kiosk.id(),
            ctx.pathParam("id"),
            pageNo(ctx),
            body,
            ctx.header("X-Content-SHA256"),
            dpi);
    ctx.status(201).json(Map.of("pageNo", page.pageNo(), "sha256", page.sha256()));
  }

  private static int pageNo(Context ctx) {
    try {
      return Integer.parseInt(ctx.pathParam("n"));
    } catch (NumberFormatException e) {
      throw new InCallProblem(400, "The page number must be a whole number.");
    }
  }

  private static StaffMember staff(Context ctx) {
    return StaffAuth.staff(ctx);
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String value, String message) {
    try {
      return Enum.valueOf(type, value == null ? "" : value);
    } catch (IllegalArgumentException e) {
      throw new InCallProblem(400, message);
    }
  }
}
