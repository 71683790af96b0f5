package uk.gov.council.cap.server.scans;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Owns the scan_sessions and scan_pages tables. */
public final class ScanSessionRepository {
  private final Jdbi jdbi;

  public ScanSessionRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  void insert(Handle h, ScanSession s) {
    h.createUpdate(
            """
        insert into scan_sessions (id, case_id, call_id, kiosk_id, doc_type, source, status, message, requested_by,
          document_id, created_at, updated_at)
        values (:id, :caseId, :callId, :kioskId, :type, :source, :status, :message, :by, :doc, :at, :at)""")
        .bind("id", s.id())
        .bind("caseId", s.caseId())
        .bind("callId", s.callId())
        .bind("kioskId", s.kioskId())
        .bind("type", s.type().name())
        .bind("source", s.source().name())
        .bind("status", s.status().name())
        .bind("message", s.message())
        .bind("by", s.requestedBy())
        .bind("doc", s.documentId())
        .bind("at", s.createdAt().toEpochMilli())
        .execute();
  }

  /**
   * Moves a scan from {@code from} to {@code to.status()}, with the rest of {@code to}: the one
   * place a scan's status changes. False, and nothing written, if the move is not one the status
   * allows or the row is no longer in {@code from}.
   */
  boolean transition(Handle h, ScanSession.Status from, ScanSession to) {
    if (!from.canMoveTo(to.status())) return false;
    return h.createUpdate(
                """
        update scan_sessions set status = :to, message = :message, document_id = :doc, page_count = :pages,
          updated_at = :at where id = :id and status = :from""")
            .bind("to", to.status().name())
            .bind("message", to.message())
            .bind("doc", to.documentId())
            .bind("pages", to.pageCount())
            .bind("at", to.updatedAt().toEpochMilli())
            .bind("id", to.id())
            .bind("from", from.name())
            .execute()
        == 1;
  }

  boolean transition(ScanSession.Status from, ScanSession to) {
    return jdbi.withHandle(h -> transition(h, from, to));
  }

  /** A note from the kiosk (a paper jam) on a scan still open; its status does not change. */
  void note(String id, String message, Instant at) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "update scan_sessions set message = :m, updated_at = :at where id = :id"
                        + " and status in ('WAITING', 'CAPTURED')")
                .bind("m", message)
                .bind("at", at.toEpochMilli())
                .bind("id", id)
                .execute());
  }

  public Optional<ScanSession> find(String id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select * from scan_sessions where id = :id")
                .bind("id", id)
                .map((rs, ctx) -> session(rs))
                .findOne());
  }

  List<ScanSession> openInCall(String callId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select * from scan_sessions where call_id = :c and status in ('WAITING', 'CAPTURED') order by created_at")
                .bind("c", callId)
                .map((rs, ctx) -> session(rs))
                .list());
  }

  void putPage(ScanPage p) {
    jdbi.useTransaction(
        h -> {
          h.createUpdate("delete from scan_pages where scan_id = :s and page_no = :n")
              .bind("s", p.scanId())
              .bind("n", p.pageNo())
              .execute();
          h.createUpdate(
                  """
          insert into scan_pages (scan_id, page_no, sha256, size_bytes, width, height, dpi, rotation, storage_key, captured_at)
          values (:s, :n, :sha, :size, :w, :h, :dpi, :rot, :key, :at)""")
              .bind("s", p.scanId())
              .bind("n", p.pageNo())
              .bind("sha", p.sha256())
              .bind("size", p.sizeBytes())
              .bind("w", p.width())
              .bind("h", p.height())
              .bind("dpi", p.dpi())
              .bind("rot", p.rotation())
              .bind("key", p.storageKey())
              .bind("at", p.capturedAt().toEpochMilli())
              .execute();
        });
  }

  void rotate(String scanId, int pageNo, int rotation) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "update scan_pages set rotation = :r where scan_id = :s and page_no = :n")
                .bind("r", rotation)
                .bind("s", scanId)
                .bind("n", pageNo)
                .execute());
  }

  void deletePage(String scanId, int pageNo) {
    jdbi.useHandle(
        h ->
            h.createUpdate("delete from scan_pages where scan_id = :s and page_no = :n")
                .bind("s", scanId)
                .bind("n", pageNo)
                .execute());
  }

  public List<ScanPage> pages(String scanId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select * from scan_pages where scan_id = :s order by page_no")
                .bind("s", scanId)
                .map((rs, ctx) -> page(rs))
                .list());
  }

  private static ScanSession session(ResultSet rs) throws SQLException {
    return new ScanSession(
        rs.getString("id"),
        rs.getString("case_id"),
        rs.getString("call_id"),
        rs.getString("kiosk_id"),
        ScanType.valueOf(rs.getString("doc_type")),
        ScanSession.Source.valueOf(rs.getString("source")),
        ScanSession.Status.valueOf(rs.getString("status")),
        rs.getString("message"),
        rs.getString("requested_by"),
        rs.getString("document_id"),
        (Integer) rs.getObject("page_count"),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        Instant.ofEpochMilli(rs.getLong("updated_at")));
  }

  private static ScanPage page(ResultSet rs) throws SQLException {
    return new ScanPage(
        rs.getString("scan_id"),
        rs.getInt("page_no"),
        rs.getString("sha256"),
        rs.getLong("size_bytes"),
        rs.getInt("width"),
        rs.getInt("height"),
        rs.getInt("dpi"),
        rs.getInt("rotation"),
        rs.getString("storage_key"),
        Instant.ofEpochMilli(rs.getLong("captured_at")));
  }
}
