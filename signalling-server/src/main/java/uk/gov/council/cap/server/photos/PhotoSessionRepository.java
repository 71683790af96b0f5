package uk.gov.council.cap.server.photos;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Owns the photo_sessions table. */
public final class PhotoSessionRepository {
  private final Jdbi jdbi;

  public PhotoSessionRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  void insert(Handle h, PhotoSession p) {
    h.createUpdate(
            """
        insert into photo_sessions (id, case_id, call_id, kiosk_id, status, requested_by, created_at, updated_at)
        values (:id, :caseId, :callId, :kioskId, :status, :by, :at, :at)""")
        .bind("id", p.id())
        .bind("caseId", p.caseId())
        .bind("callId", p.callId())
        .bind("kioskId", p.kioskId())
        .bind("status", p.status().name())
        .bind("by", p.requestedBy())
        .bind("at", p.createdAt().toEpochMilli())
        .execute();
  }

  /**
   * Moves a photo from {@code from} to {@code to.status()}, with the rest of {@code to}: the one
   * place a photo's status changes. False, and nothing written, if the move is not one the status
   * allows or the row is no longer in {@code from}.
   */
  boolean transition(Handle h, PhotoSession.Status from, PhotoSession to) {
    if (!from.canMoveTo(to.status())) return false;
    return h.createUpdate(
                """
        update photo_sessions set status = :status, still_key = :key, still_width = :w, still_height = :h,
          photo_document_id = :photo, badge_document_id = :badge, id_number = :number, updated_at = :at
          where id = :id and status = :from""")
            .bind("status", to.status().name())
            .bind("key", to.stillKey())
            .bind("w", to.stillWidth())
            .bind("h", to.stillHeight())
            .bind("photo", to.photoDocumentId())
            .bind("badge", to.badgeDocumentId())
            .bind("number", to.idNumber())
            .bind("at", to.updatedAt().toEpochMilli())
            .bind("id", to.id())
            .bind("from", from.name())
            .execute()
        == 1;
  }

  boolean transition(PhotoSession.Status from, PhotoSession to) {
    return jdbi.withHandle(h -> transition(h, from, to));
  }

  public Optional<PhotoSession> find(String id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select * from photo_sessions where id = :id")
                .bind("id", id)
                .map((rs, ctx) -> map(rs))
                .findOne());
  }

  List<PhotoSession> openInCall(String callId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select * from photo_sessions where call_id = :c and status in ('WAITING', 'CAPTURED')")
                .bind("c", callId)
                .map((rs, ctx) -> map(rs))
                .list());
  }

  private static PhotoSession map(ResultSet rs) throws SQLException {
    return new PhotoSession(
        rs.getString("id"),
        rs.getString("case_id"),
        rs.getString("call_id"),
        rs.getString("kiosk_id"),
        PhotoSession.Status.valueOf(rs.getString("status")),
        rs.getString("requested_by"),
        rs.getString("still_key"),
        (Integer) rs.getObject("still_width"),
        (Integer) rs.getObject("still_height"),
        rs.getString("photo_document_id"),
        rs.getString("badge_document_id"),
        rs.getString("id_number"),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        Instant.ofEpochMilli(rs.getLong("updated_at")));
  }
}
