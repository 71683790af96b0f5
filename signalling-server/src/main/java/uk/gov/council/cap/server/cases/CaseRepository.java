package uk.gov.council.cap.server.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.calls.CaseTimeline;
import uk.gov.council.cap.server.customers.CustomerCases;
import uk.gov.council.cap.server.db.Ids;

/** Owns the {@code cases} and {@code case_timeline} tables. */
public final class CaseRepository implements CaseTimeline, CustomerCases {
  private final Jdbi jdbi;
  private final Ids ids;
  private final Clock clock;

  public CaseRepository(Jdbi jdbi, Ids ids, Clock clock) {
    this.jdbi = jdbi;
    this.ids = ids;
    this.clock = clock;
  }

  public CaseRecord open(Handle h) {
    Instant now = clock.now();
    for (int attempt = 0; ; attempt++) {
      CaseRecord c =
          new CaseRecord(
              ids.newId(), ids.newCaseReference(), null, CaseStatus.OPEN, now, now, null);
      try {
        h.createUpdate(
                "insert into cases (id, reference, status, opened_at, last_activity_at) values (:id, :ref, 'OPEN', :at, :at)")
            .bind("id", c.id())
            .bind("ref", c.reference())
            .bind("at", now.toEpochMilli())
            .execute();
        return c;
      } catch (UnableToExecuteStatementException e) {
        // A reference collision (1 in 10^12) is the only expected failure; retry a few times.
        if (attempt >= 3) {
          throw e;
        }
      }
    }
  }

  public Optional<CaseRecord> find(String id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select * from cases where id = :id")
                .bind("id", id)
                .map((rs, ctx) -> map(rs))
                .findOne());
  }

  public Optional<CaseRecord> openCaseOf(Handle h, String customerId) {
    return h.createQuery(
            "select * from cases where customer_id = :c and status = 'OPEN' order by last_activity_at desc limit 1")
        .bind("c", customerId)
        .map((rs, ctx) -> map(rs))
        .findOne();
  }

  public List<CaseRecord> ofCustomer(String customerId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select * from cases where customer_id = :c order by opened_at desc")
                .bind("c", customerId)
                .map((rs, ctx) -> map(rs))
                .list());
  }

  @Override
  public List<CaseLine> casesOfCustomer(String customerId) {
    return ofCustomer(customerId).stream()
        .map(c -> new CaseLine(c.id(), c.reference(), c.openedAt(), c.status().name()))
        .toList();
  }

  public List<CaseRecord> recent(int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select * from cases where status = 'OPEN' order by last_activity_at desc limit "
                        + limit)
                .map((rs, ctx) -> map(rs))
                .list());
  }

  public void setCustomer(Handle h, String caseId, String customerId) {
    h.createUpdate("update cases set customer_id = :c, last_activity_at = :at where id = :id")
        .bind("c", customerId)
        .bind("id", caseId)
        .bind("at", clock.now().toEpochMilli())
        .execute();
  }

  public void markMerged(Handle h, String caseId, String intoCaseId) {
    h.createUpdate(
            "update cases set status = 'MERGED', merged_into = :into, last_activity_at = :at where id = :id")
        .bind("into", intoCaseId)
        .bind("id", caseId)
        .bind("at", clock.now().toEpochMilli())
        .execute();
    h.createUpdate("update case_timeline set case_id = :into where case_id = :id")
        .bind("into", intoCaseId)
        .bind("id", caseId)
        .execute();
  }

  @Override
  public void addToTimeline(
      Handle h, String caseId, String kind, String summary, String actor, String refId) {
    long now = clock.now().toEpochMilli();
    h.createUpdate(
            "insert into case_timeline (id, case_id, at, kind, summary, actor, ref_id) values (:id, :c, :at, :k, :s, :a, :r)")
        .bind("id", ids.newId())
        .bind("c", caseId)
        .bind("at", now)
        .bind("k", kind)
        .bind("s", summary.length() > 1000 ? summary.substring(0, 1000) : summary)
        .bind("a", actor)
        .bind("r", refId)
        .execute();
    h.createUpdate("update cases set last_activity_at = :at where id = :c")
        .bind("at", now)
        .bind("c", caseId)
        .execute();
  }

  public void addToTimeline(
      String caseId, String kind, String summary, String actor, String refId) {
    jdbi.useTransaction(h -> addToTimeline(h, caseId, kind, summary, actor, refId));
  }

  public List<TimelineEntry> timeline(String caseId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select * from case_timeline where case_id = :c order by at, id")
                .bind("c", caseId)
                .map(
                    (rs, ctx) ->
                        new TimelineEntry(
                            rs.getString("id"),
                            Instant.ofEpochMilli(rs.getLong("at")),
                            rs.getString("kind"),
                            rs.getString("summary"),
                            rs.getString("actor"),
                            rs.getString("ref_id")))
                .list());
  }

  private static CaseRecord map(ResultSet rs) throws SQLException {
    return new CaseRecord(
        rs.getString("id"),
        rs.getString("reference"),
        rs.getString("customer_id"),
        CaseStatus.valueOf(rs.getString("status")),
        Instant.ofEpochMilli(rs.getLong("opened_at")),
        Instant.ofEpochMilli(rs.getLong("last_activity_at")),
        rs.getString("merged_into"));
  }
}
