package uk.gov.council.cap.server.audit;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.StaffAuth;
import uk.gov.council.cap.server.web.ApiError;

/** {@code GET /api/audit?caseId=}: the audit trail of one case, for supervisors and admins. */
public final class AuditRoutes {
  private final AuditLog audit;

  public AuditRoutes(AuditLog audit) {
    this.audit = audit;
  }

  public void register(Javalin app) {
    app.get("/api/audit", this::forCase, Role.SUPERVISOR, Role.ADMIN);
  }

  private void forCase(Context ctx) {
    String caseId = ctx.queryParam("caseId");
    if (caseId == null || caseId.isBlank()) {
      throw ApiError.badRequest("Say which case: ?caseId=…");
    }
    var entries = audit.forCase(caseId);
    audit.record(StaffAuth.staff(ctx).auditName(), "audit.viewed", caseId, null, null);
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
