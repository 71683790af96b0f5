package uk.gov.council.cap.server.printing;

import io.javalin.Javalin;
import uk.gov.council.cap.server.kiosks.Kiosk;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.staff.Access;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.StaffAuth;
import uk.gov.council.cap.server.web.ApiError;

/**
 * Print a case document at the kiosk in the call; the kiosk fetches the file it was asked to print.
 */
public final class PrintRoutes {
  private final PrintDesk desk;
  private final KioskRepository kiosks;

  public PrintRoutes(PrintDesk desk, KioskRepository kiosks) {
    this.desk = desk;
    this.kiosks = kiosks;
  }

  public record PrintInput(String documentId, String paper) {}

  public void register(Javalin app) {
    app.post(
        "/api/calls/{id}/prints",
        ctx -> {
          PrintInput in = ctx.bodyAsClass(PrintInput.class);
          PrintDesk.Paper paper;
          try {
            paper = PrintDesk.Paper.valueOf(in.paper() == null ? "A4" : in.paper());
          } catch (IllegalArgumentException e) {
            throw new ApiError(400, "Choose A4 or CR80 (card) paper.");
          }
          ctx.status(201)
              .json(
                  desk.request(ctx.pathParam("id"), in.documentId(), paper, StaffAuth.staff(ctx)));
        },
        Role.ADVISOR,
        Role.SUPERVISOR);
    app.get(
        "/api/kiosk/prints/{id}/file",
        ctx -> {
          Kiosk kiosk =
              kiosks
                  .fromAuthorizationHeader(ctx.header("Authorization"))
                  .orElseThrow(() -> new ApiError(401, "Kiosk credentials were not accepted."));
          ctx.contentType("application/pdf").result(desk.fileFor(kiosk.id(), ctx.pathParam("id")));
        },
        Access.KIOSK);
  }
}
