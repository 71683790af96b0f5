package uk.gov.council.cap.server.survey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Owns the survey_answers table. Every status change is one guarded update (the row must still be
 * in the status it moves from), so an answer for a lapsed survey, or a second answer, changes
 * nothing.
 */
public final class SurveyRepository {
  private final Jdbi jdbi;

  public SurveyRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Records that a call's survey was asked; false if this call's survey was asked already. */
  boolean ask(SurveyAnswer a) {
    return jdbi.withHandle(
        h ->
            h.createUpdate(
                        """
                insert into survey_answers (call_id, case_id, case_reference, kiosk_id, kiosk_name, advisor_id,
                  status, asked_at)
                select :callId, :caseId, :ref, :kioskId, :kioskName, :advisorId, :status, :at
                where not exists (select 1 from survey_answers where call_id = :callId)""")
                    .bind("callId", a.callId())
                    .bind("caseId", a.caseId())
                    .bind("ref", a.caseReference())
                    .bind("kioskId", a.kioskId())
                    .bind("kioskName", a.kioskName())
                    .bind("advisorId", a.advisorId())
                    .bind("status", SurveyStatus.ASKED.name())
                    .bind("at", a.askedAt().toEpochMilli())
                    .execute()
                == 1);
  }

  /**
   * The resident's answer, if the survey was asked at or after {@code askedSince} and not answered
   * yet; false otherwise (too late, or answered already).
   */
  boolean answer(String callId, Rating rating, Reason reason, Instant at, Instant askedSince) {
    return jdbi.withHandle(
        h ->
            h.createUpdate(
                        """
                update survey_answers set status = :to, rating = :rating, reason = :reason, answered_at = :at
                where call_id = :callId and status = :from and asked_at >= :since""")
                    .bind("to", move(SurveyStatus.ASKED, SurveyStatus.ANSWERED).name())
                    .bind("from", SurveyStatus.ASKED.name())
                    .bind("rating", rating.name())
                    .bind("reason", reason == null ? null : reason.name())
                    .bind("at", at.toEpochMilli())
                    .bind("callId", callId)
                    .bind("since", askedSince.toEpochMilli())
                    .execute()
                == 1);
  }

  /** Marks every survey asked before {@code cutoff} and still unanswered as lapsed. */
  int lapseAskedBefore(Instant cutoff) {
    return jdbi.withHandle(
        h ->
            h.createUpdate(
                    "update survey_answers set status = :to where status = :from and asked_at < :cutoff")
                .bind("to", move(SurveyStatus.ASKED, SurveyStatus.LAPSED).name())
                .bind("from", SurveyStatus.ASKED.name())
                .bind("cutoff", cutoff.toEpochMilli())
                .execute());
  }

  public List<SurveyAnswer> forCase(String caseId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select * from survey_answers where case_id = :caseId and status = :answered"
                        + " order by answered_at")
                .bind("caseId", caseId)
                .bind("answered", SurveyStatus.ANSWERED.name())
                .map((rs, ctx) -> map(rs))
                .list());
  }

  /** Answers given from {@code from} (inclusive) to {@code to} (exclusive), oldest first. */
  public List<SurveyAnswer> answeredBetween(Instant from, Instant to) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select * from survey_answers where status = :answered"
                        + " and answered_at >= :from and answered_at < :to order by answered_at")
                .bind("answered", SurveyStatus.ANSWERED.name())
                .bind("from", from.toEpochMilli())
                .bind("to", to.toEpochMilli())
                .map((rs, ctx) -> map(rs))
                .list());
  }

  private static SurveyStatus move(SurveyStatus from, SurveyStatus to) {
    if (!from.canMoveTo(to)) {
      throw new IllegalStateException("A survey cannot move from " + from + " to " + to);
    }
    return to;
  }

  private static SurveyAnswer map(ResultSet rs) throws SQLException {
    String rating = rs.getString("rating");
    String reason = rs.getString("reason");
    long answered = rs.getLong("answered_at");
    boolean notAnswered = rs.wasNull();
    return new SurveyAnswer(
        rs.getString("call_id"),
        rs.getString("case_id"),
        rs.getString("case_reference"),
        rs.getString("kiosk_id"),
        rs.getString("kiosk_name"),
        rs.getString("advisor_id"),
        SurveyStatus.valueOf(rs.getString("status")),
        rating == null ? null : Rating.valueOf(rating),
        reason == null ? null : Reason.valueOf(reason),
        Instant.ofEpochMilli(rs.getLong("asked_at")),
        notAnswered ? null : Instant.ofEpochMilli(answered));
  }
}
