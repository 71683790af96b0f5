package uk.gov.council.cap.server.audit;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import uk.gov.council.cap.server.Clock;

/**
 * The append-only record of who did what, when. There is deliberately no update or delete here, and
 * the database refuses them too (migration V2).
 */
public final class AuditLog {
  private final Jdbi jdbi;
  private final Clock clock;

  public AuditLog(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  public void record(String actor, String action, String caseId, String subject, String detail) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "insert into audit_log (at, actor, action, case_id, subject, detail)"
                        + " values (:at, :actor, :action, :caseId, :subject, :detail)")
                .bind("at", clock.now().toEpochMilli())
                .bind("actor", actor)
                .bind("action", action)
                .bind("caseId", caseId)
                .bind("subject", subject)
                .bind(
                    "detail",
                    detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000))
                .execute());
  }

  public List<AuditEntry> forCase(String caseId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select * from audit_log where case_id = :c order by seq")
                .bind("c", caseId)
                .map((rs, ctx) -> entry(rs))
                .list());
  }

  /**
   * The latest entries of one kind, newest first: what an auditor asks for events that belong to no
   * case.
   */
  public List<AuditEntry> latest(String action, int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select * from audit_log where action = :a order by seq desc limit :n")
                .bind("a", action)
                .bind("n", limit)
                .map((rs, ctx) -> entry(rs))
                .list());
  }

  private static AuditEntry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new AuditEntry(
        rs.getLong("seq"),
        Instant.ofEpochMilli(rs.getLong("at")),
        rs.getString("actor"),
        rs.getString("action"),
        rs.getString("case_id"),
        rs.getString("subject"),
        rs.getString("detail"));
  }

  public record AuditEntry(
      long seq,
      Instant at,
      String actor,
      String action,
      String caseId,
      String subject,
      String detail) {}
}
