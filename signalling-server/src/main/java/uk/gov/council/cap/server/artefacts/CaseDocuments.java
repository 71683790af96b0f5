package uk.gov.council.cap.server.artefacts;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import uk.gov.council.cap.server.Digests;
import uk.gov.council.cap.server.db.Ids;

/**
 * Owns case_documents and the file store: a document row exists only once its bytes are safely
 * stored.
 */
public final class CaseDocuments {
  private final Jdbi jdbi;
  private final Ids ids;
  private final FileStore files;

  public CaseDocuments(Jdbi jdbi, Ids ids, FileStore files) {
    this.jdbi = jdbi;
    this.ids = ids;
    this.files = files;
  }

  /**
   * A file about to be stored; the caller records it inside its own transaction with {@link
   * #record}.
   */
  public record NewDocument(
      String caseId,
      String kind,
      String title,
      String mediaType,
      byte[] bytes,
      String createdBy,
      Instant createdAt,
      String sourceId,
      String evidenceOf) {}

  /**
   * Writes the bytes first; if the transaction that records them fails, {@link #discard} removes
   * them.
   */
  public CaseDocument store(NewDocument d) throws IOException {
    String id = ids.newId();
    String extension =
        d.mediaType().equals("application/pdf")
            ? ".pdf"
            : d.mediaType().equals("application/json") ? ".json" : ".bin";
    String key = "cases/" + d.caseId() + "/" + id + extension;
    files.put(key, d.bytes());
    return new CaseDocument(
        id,
        d.caseId(),
        d.kind(),
        d.title(),
        d.mediaType(),
        d.bytes().length,
        Digests.sha256Hex(d.bytes()),
        key,
        d.createdBy(),
        d.createdAt(),
        d.sourceId(),
        d.evidenceOf());
  }

  public void record(Handle h, CaseDocument d) {
    h.createUpdate(
            """
        insert into case_documents (id, case_id, kind, title, media_type, size_bytes, sha256, storage_key, created_by,
          created_at, source_id, evidence_of)
        values (:id, :caseId, :kind, :title, :mediaType, :size, :sha, :key, :by, :at, :source, :evidenceOf)""")
        .bind("id", d.id())
        .bind("caseId", d.caseId())
        .bind("kind", d.kind())
        .bind("title", d.title())
        .bind("mediaType", d.mediaType())
        .bind("size", d.sizeBytes())
        .bind("sha", d.sha256())
        .bind("key", d.storageKey())
        .bind("by", d.createdBy())
        .bind("at", d.createdAt().toEpochMilli())
        .bind("source", d.sourceId())
        .bind("evidenceOf", d.evidenceOf())
        .execute();
  }

  public void discard(CaseDocument d) {
    try {
      files.delete(d.storageKey());
    } catch (IOException ignored) {
      // An orphan file is harmless (no row points at it); nothing more to do.
    }
  }

  public Optional<CaseDocument> find(String id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select * from case_documents where id = :id")
                .bind("id", id)
                .map((rs, ctx) -> map(rs))
                .findOne());
  }

  public List<CaseDocument> ofCase(String caseId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select * from case_documents where case_id = :c order by created_at, case when evidence_of is null then 0 else 1 end, id")
                .bind("c", caseId)
                .map((rs, ctx) -> map(rs))
                .list());
  }

  public byte[] bytesOf(CaseDocument d) throws IOException {
    return files.get(d.storageKey());
  }

  private static CaseDocument map(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new CaseDocument(
        rs.getString("id"),
        rs.getString("case_id"),
        rs.getString("kind"),
        rs.getString("title"),
        rs.getString("media_type"),
        rs.getLong("size_bytes"),
        rs.getString("sha256"),
        rs.getString("storage_key"),
        rs.getString("created_by"),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        rs.getString("source_id"),
        rs.getString("evidence_of"));
  }
}
