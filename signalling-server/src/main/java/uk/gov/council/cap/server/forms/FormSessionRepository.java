package uk.gov.council.cap.server.forms;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import uk.gov.council.cap.server.db.JsonText;

/**
 * Owns the form_sessions table. Every status change goes through {@link #transition}, so a move the
 * status table forbids, or one another change got to first, is refused here and nowhere else.
 */
public final class FormSessionRepository {
  private final Jdbi jdbi;

  public FormSessionRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The signature a SIGNING form was signed with: the kiosk's sign payload, when and by whom. */
  record Signature(String payload, Instant signedAt, String signedBy) {}

  void insert(Handle h, FormSession s) {
    h.createUpdate(
            """
        insert into form_sessions (id, case_id, call_id, form_id, form_version, status, answers, answered_by,
          started_by, started_at, updated_at)
        values (:id, :caseId, :callId, :formId, :version, :status, :answers, :by, :startedBy, :at, :at)""")
        .bind("id", s.id())
        .bind("caseId", s.caseId())
        .bind("callId", s.callId())
        .bind("formId", s.formId())
        .bind("version", s.formVersion())
        .bind("status", s.status().name())
        .bind("answers", JsonText.of(s.answers()))
        .bind("by", JsonText.of(s.answeredBy()))
        .bind("startedBy", s.startedBy())
        .bind("at", s.startedAt().toEpochMilli())
        .execute();
  }

  /** Saves the answers of an open form; false if the form is no longer open. */
  boolean saveAnswers(FormSession s) {
    return jdbi.withHandle(
        h ->
            h.createUpdate(
                        "update form_sessions set answers = :answers, answered_by = :by, updated_at = :at"
                            + " where id = :id and status = 'OPEN'")
                    .bind("answers", JsonText.of(s.answers()))
                    .bind("by", JsonText.of(s.answeredBy()))
                    .bind("at", s.updatedAt().toEpochMilli())
                    .bind("id", s.id())
                    .execute()
                == 1);
  }

  /**
   * Moves a form from {@code from} to {@code to}: false, and nothing changed, if the status table
   * does not allow that move or the form is no longer in {@code from}.
   */
  boolean transition(
      Handle h, String id, FormSession.Status from, FormSession.Status to, Instant at) {
    if (!from.canMoveTo(to)) return false;
    return h.createUpdate(
                "update form_sessions set status = :to, updated_at = :at where id = :id and status = :from")
            .bind("to", to.name())
            .bind("from", from.name())
            .bind("at", at.toEpochMilli())
            .bind("id", id)
            .execute()
        == 1;
  }

  boolean transition(String id, FormSession.Status from, FormSession.Status to, Instant at) {
    return jdbi.withHandle(h -> transition(h, id, from, to, at));
  }

  void recordSignature(Handle h, String id, Signature signature) {
    h.createUpdate(
            "update form_sessions set signature = :sig, signed_at = :at, signed_by = :by where id = :id")
        .bind("sig", signature.payload())
        .bind("at", signature.signedAt().toEpochMilli())
        .bind("by", signature.signedBy())
        .bind("id", id)
        .execute();
  }

  Optional<Signature> signatureOf(String id) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select signature, signed_at, signed_by from form_sessions"
                        + " where id = :id and signature is not null")
                .bind("id", id)
                .map(
                    (rs, ctx) ->
                        new Signature(
                            rs.getString("signature"),
                            Instant.ofEpochMilli(rs.getLong("signed_at")),
                            rs.getString("signed_by")))
                .findOne());
  }

  void attachDocument(Handle h, String id, String documentId) {
    h.createUpdate("update form_sessions set document_id = :doc where id = :id")
        .bind("doc", documentId)
        .bind("id", id)
        .execute();
  }

  public Optional<FormSession> find(String id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select * from form_sessions where id = :id")
                .bind("id", id)
                .map((rs, ctx) -> map(rs))
                .findOne());
  }

  public List<FormSession> ofCase(String caseId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select * from form_sessions where case_id = :c order by started_at")
                .bind("c", caseId)
                .map((rs, ctx) -> map(rs))
                .list());
  }

  /** The forms of a call in a status, oldest first. */
  List<FormSession> inCall(String callId, FormSession.Status status) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select * from form_sessions where call_id = :c and status = :s order by started_at")
                .bind("c", callId)
                .bind("s", status.name())
                .map((rs, ctx) -> map(rs))
                .list());
  }

  /** Every form in a status, oldest first (the forms being signed when the server stopped). */
  List<FormSession> inStatus(FormSession.Status status) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select * from form_sessions where status = :s order by started_at")
                .bind("s", status.name())
                .map((rs, ctx) -> map(rs))
                .list());
  }

  private static FormSession map(ResultSet rs) throws SQLException {
    return new FormSession(
        rs.getString("id"),
        rs.getString("case_id"),
        rs.getString("call_id"),
        rs.getString("form_id"),
        rs.getInt("form_version"),
        FormSession.Status.valueOf(rs.getString("status")),
        JsonText.map(rs.getString("answers"), "answers in form_sessions"),
        JsonText.map(rs.getString("answered_by"), "answered_by in form_sessions"),
        rs.getString("started_by"),
        Instant.ofEpochMilli(rs.getLong("started_at")),
        Instant.ofEpochMilli(rs.getLong("updated_at")),
        rs.getString("document_id"));
  }
}
