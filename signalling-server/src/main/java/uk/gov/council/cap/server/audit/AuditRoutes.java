package uk.gov.council.cap.server.audit;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.util.Map;
import uk.gov.council.cap.server.web.ApiError;

/**
 * {@code GET /api/audit?caseId=}: the audit trail of one case, for the roles the composition root
 * names (supervisors and admins).
 */
public final class AuditRoutes {
  private final AuditLog audit;
  private final AuditReader reader;
  private final RouteRole[] readers;

  public AuditRoutes(AuditLog audit, AuditReader reader, RouteRole... readers) {
    if (readers.length == 0) {
      throw new IllegalArgumentException("Name the roles that may read the audit trail");
    }
    this.audit = audit;
    this.reader = reader;
    this.readers = readers.clone();
  }

  public void register(Javalin app) {
    app.get("/api/audit", this::forCase, readers);
  }

  private void forCase(Context ctx) {
    String caseId = ctx.queryParam("caseId");
    if (caseId == null || caseId.isBlank()) {
      throw ApiError.badRequest("Say which case: ?caseId=…");
    }
    var entries = audit.forCase(caseId);
    audit.record(reader.auditName(ctx), "audit.viewed", caseId, null, null);
    ctx.json(
        Map.of(
            "entries",
            entries.stream()
                .map(
                    e ->
                        Map.of(
                            "seq",
                            e.seq(),
                            "at",
                            e.at().toString(),
                            "actor",
                            e.actor(),
                            "action",
                            e.action(),
                            "subject",
                            String.valueOf(e.subject()),
                            "detail",
                            String.valueOf(e.detail())))
                .toList()));
  }
}
