package uk.gov.council.cap.server.artefacts;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.gov.council.cap.documents.seal.CouncilSeal;
import uk.gov.council.cap.documents.seal.SealCheck;
import uk.gov.council.cap.documents.seal.SealVerdict;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.Digests;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.StaffAuth;
import uk.gov.council.cap.server.web.ApiError;

/** Lists a case's documents and serves their files; every opening of a file is audited. */
public final class DocumentRoutes {
  private final CaseDocuments documents;
  private final AuditLog audit;
  private final CouncilSeal seal;
  private final boolean selfSigned;
  private final Clock clock;

  /**
   * {@code clock} is the server's: a seal is checked as of its now, like every other time the
   * server tells.
   */
  public DocumentRoutes(
      CaseDocuments documents, AuditLog audit, CouncilSeal seal, boolean selfSigned, Clock clock) {
    this.documents = documents;
    this.audit = audit;
    this.seal = seal;
    this.selfSigned = selfSigned;
    this.clock = clock;
  }

  public void register(Javalin app) {
    app.get(
        "/api/cases/{id}/documents",
        ctx ->
            ctx.json(
                documents.ofCase(ctx.pathParam("id")).stream().map(DocumentRoutes::view).toList()),
        Role.ADVISOR,
        Role.SUPERVISOR);
    app.get("/api/documents/{id}/file", this::file, Role.ADVISOR, Role.SUPERVISOR);
    app.get("/api/documents/{id}/seal", this::checkSeal, Role.ADVISOR, Role.SUPERVISOR);
  }

  private void file(Context ctx) throws IOException {
    CaseDocument d =
        documents
            .find(ctx.pathParam("id"))
            .orElseThrow(() -> ApiError.notFound("There is no document with that id."));
    boolean download = "1".equals(ctx.queryParam("download"));
    audit.record(
        StaffAuth.staff(ctx).auditName(),
        download ? "document.downloaded" : "document.viewed",
        d.caseId(),
        d.id(),
        d.kind());
    String name =
        d.title().replaceAll("[^A-Za-z0-9 ()-]", "").trim().replace(' ', '-')
            + (d.mediaType().equals("application/pdf") ? ".pdf" : ".json");
    ctx.header(
        "Content-Disposition",
        (download ? "attachment" : "inline") + "; filename=\"" + name + "\"");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.contentType(d.mediaType()).result(documents.bytesOf(d));
  }

  /** Re-checks a stored PDF: unchanged since it was stored (SHA-256) and its seal intact (DSS). */
  private void checkSeal(Context ctx) throws IOException {
    CaseDocument d =
        documents
            .find(ctx.pathParam("id"))
            .orElseThrow(() -> ApiError.notFound("There is no document with that id."));
    if (!d.mediaType().equals("application/pdf"))
      throw new ApiError(409, "Only PDF documents carry a seal.");
    byte[] bytes = documents.bytesOf(d);
    SealVerdict verdict = SealCheck.verify(bytes, List.of(seal.certificate()), clock.now());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("unchangedSinceStored", Digests.sha256Hex(bytes).equals(d.sha256()));
    m.put("sealed", verdict.sealed());
    m.put("intact", verdict.intact());
    m.put("level", verdict.level());
    m.put("indication", verdict.indication());
    m.put("signedBy", verdict.signedBy());
    m.put("selfSignedCertificate", selfSigned);
    ctx.json(m);
  }

  static Map<String, Object> view(CaseDocument d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", d.id());
    m.put("kind", d.kind());
    m.put("title", d.title());
    m.put("mediaType", d.mediaType());
    m.put("sizeBytes", d.sizeBytes());
    m.put("sha256", d.sha256());
    m.put("createdBy", d.createdBy());
    m.put("createdAt", d.createdAt().toString());
    m.put("evidenceOf", d.evidenceOf());
    m.put("url", "/api/documents/" + d.id() + "/file");
    return m;
  }
}
