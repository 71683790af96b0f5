package uk.gov.council.cap.server.forms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Owns the form_sessions table. */
public final class FormSessions {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {};
  private final Jdbi jdbi;

  public FormSessions(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

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
        .bind("answers", json(s.answers()))
        .bind("by", json(s.answeredBy()))
        .bind("startedBy", s.startedBy())
        .bind("at", s.startedAt().toEpochMilli())
        .execute();
  }

  void saveAnswers(FormSession s) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "update form_sessions set answers = :answers, answered_by = :by, updated_at = :at where id = :id")
                .bind("answers", json(s.answers()))
                .bind("by", json(s.answeredBy()))
                .bind("at", s.updatedAt().toEpochMilli())
                .bind("id", s.id())
                .execute());
  }

  void setStatus(Handle h, String id, FormSession.Status status, Instant at, String documentId) {
    h.createUpdate(
            "update form_sessions set status = :status, updated_at = :at, document_id = coalesce(:doc, document_id) where id = :id")
        .bind("status", status.name())
        .bind("at", at.toEpochMilli())
        .bind("doc", documentId)
        .bind("id", id)
        .execute();
  }

  void setStatus(String id, FormSession.Status status, Instant at) {
    jdbi.useHandle(h -> setStatus(h, id, status, at, null));
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

  List<FormSession> openInCall(String callId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select * from form_sessions where call_id = :c and status = 'OPEN'")
                .bind("c", callId)
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
        parse(rs.getString("answers")),
        parse(rs.getString("answered_by")),
        rs.getString("started_by"),
        Instant.ofEpochMilli(rs.getLong("started_at")),
        Instant.ofEpochMilli(rs.getLong("updated_at")),
        rs.getString("document_id"));
  }

  private static String json(Map<String, String> map) {
    try {
      return JSON.writeValueAsString(map);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> parse(String json) {
    try {
      return JSON.readValue(json, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Corrupt answers in form_sessions", e);
    }
  }
}
