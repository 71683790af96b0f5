package uk.gov.council.cap.server.routing;

import io.javalin.Javalin;
import uk.gov.council.cap.server.staff.Role;

/** {@code GET /api/queue}: the live queue, for a console that has just loaded. */
public final class QueueRoutes {
  private final CallDesk desk;

  public QueueRoutes(CallDesk desk) {
    this.desk = desk;
  }

  public void register(Javalin app) {
    app.get(
        "/api/queue",
        ctx -> ctx.contentType("application/json").result(desk.queueSnapshotJson()),
        Role.ADVISOR,
        Role.SUPERVISOR);
  }
}
