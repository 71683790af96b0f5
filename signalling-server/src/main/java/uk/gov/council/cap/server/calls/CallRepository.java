package uk.gov.council.cap.server.calls;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Owns the {@code calls} table: every contact and its lifecycle timestamps. */
public final class CallRepository {
  private final Jdbi jdbi;

  public CallRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** A queued call whose kiosk did not say the resident's language. */
  public void insertQueued(
      Handle h, String id, String caseId, String kioskId, String theme, Instant queuedAt) {
    insertQueued(h, id, caseId, kioskId, theme, null, queuedAt);
  }

  public void insertQueued(
      Handle h,
      String id,
      String caseId,
      String kioskId,
      String theme,
      String language,
      Instant queuedAt) {
    h.createUpdate(
            "insert into calls (id, case_id, kiosk_id, theme, language, state, queued_at)"
                + " values (:id, :c, :k, :t, :l, 'QUEUED', :q)")
        .bind("id", id)
        .bind("c", caseId)
        .bind("k", kioskId)
        .bind("t", theme)
        .bind("l", language)
        .bind("q", queuedAt.toEpochMilli())
        .execute();
  }

  public void markConnected(Handle h, String id, String advisorId, Instant at) {
    h.createUpdate(
            "update calls set state = 'CONNECTED', advisor_id = :a, answered_at = :at where id = :id and state = 'QUEUED'")
        .bind("a", advisorId)
        .bind("at", at.toEpochMilli())
        .bind("id", id)
        .execute();
  }

  /**
   * Stamps connected calls as still alive now (both sides there); a crash's recovery ends them at
   * this time.
   */
  public void markAlive(Handle h, java.util.Collection<String> ids, Instant at) {
    if (ids.isEmpty()) {
      return;
    }
    h.createUpdate("update calls set alive_at = :at where id in (<ids>) and state = 'CONNECTED'")
        .bind("at", at.toEpochMilli())
        .bindList("ids", new java.util.ArrayList<>(ids))
        .execute();
  }

  /** The last time a connected call was known to be alive, if it was ever stamped. */
  public Optional<Instant> aliveAt(String id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select alive_at from calls where id = :id")
                .bind("id", id)
                .map(
                    (rs, ctx) ->
                        rs.getObject(1) == null ? null : Instant.ofEpochMilli(rs.getLong(1)))
                .findOne());
  }

  public void markEnded(Handle h, String id, EndReason reason, Instant at) {
    h.createUpdate(
            "update calls set state = 'ENDED', end_reason = :r, ended_at = :at where id = :id and state <> 'ENDED'")
        .bind("r", reason.wire())
        .bind("at", at.toEpochMilli())
        .bind("id", id)
        .execute();
  }

  public void recordOutcome(Handle h, String id, Outcome outcome, String notes, Instant at) {
    h.createUpdate("update calls set outcome = :o, notes = :n, outcome_at = :at where id = :id")
        .bind("o", outcome.name())
        .bind("n", notes)
        .bind("at", at.toEpochMilli())
        .bind("id", id)
        .execute();
  }

  public void moveToCase(Handle h, String fromCaseId, String toCaseId) {
    h.createUpdate("update calls set case_id = :to where case_id = :from")
        .bind("to", toCaseId)
        .bind("from", fromCaseId)
        .execute();
  }

  public Optional<CallRecord> find(String id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select * from calls where id = :id")
                .bind("id", id)
                .map((rs, ctx) -> map(rs))
                .findOne());
  }

  public List<CallRecord> inState(CallState state) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select * from calls where state = :s order by queued_at")
                .bind("s", state.name())
                .map((rs, ctx) -> map(rs))
                .list());
  }

  public List<CallRecord> ofCase(String caseId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select * from calls where case_id = :c order by queued_at")
                .bind("c", caseId)
                .map((rs, ctx) -> map(rs))
                .list());
  }

  private static CallRecord map(ResultSet rs) throws SQLException {
    String outcome = rs.getString("outcome");
    return new CallRecord(
        rs.getString("id"),
        rs.getString("case_id"),
        rs.getString("kiosk_id"),
        rs.getString("theme"),
        CallState.valueOf(rs.getString("state")),
        instant(rs, "queued_at"),
        instant(rs, "answered_at"),
        instant(rs, "ended_at"),
        rs.getString("advisor_id"),
        rs.getString("end_reason"),
        outcome == null ? null : Outcome.valueOf(outcome),
        rs.getString("notes"),
        rs.getString("language"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }
}
