package uk.gov.council.cap.server.printing;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.protocol.ProtocolCodec;
import uk.gov.council.cap.server.artefacts.CaseDocument;
import uk.gov.council.cap.server.artefacts.CaseDocuments;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.cases.CaseRepository;
import uk.gov.council.cap.server.db.Ids;
import uk.gov.council.cap.server.incall.CallContext;
import uk.gov.council.cap.server.incall.CallParties;
import uk.gov.council.cap.server.incall.CallPort;
import uk.gov.council.cap.server.incall.InCallCapability;
import uk.gov.council.cap.server.staff.StaffMember;
import uk.gov.council.cap.server.threads.SerialThread;
import uk.gov.council.cap.server.web.ApiError;

/**
 * Printing a document of the case at the kiosk in the call (a badge on card stock, a form on A4).
 * The advisor asks; the kiosk is told; kiosk-app fetches that one document with its own credentials
 * (only a document it was asked to print, only while the call lasts) and reports the outcome, which
 * goes on the case.
 */
public final class PrintDesk implements InCallCapability, AutoCloseable {
  public enum Paper {
    A4,
    CR80
  }

  private record Grant(
      String printId,
      String documentId,
      String caseId,
      CallParties call,
      String requestedBy,
      Paper paper) {}

  private final CaseDocuments documents;
  private final CaseRepository cases;
  private final CallPort desk;
  private final AuditLog audit;
  private final ProtocolCodec codec;
  private final Ids ids;
  private final Map<String, Grant> grants = new ConcurrentHashMap<>();
  private final SerialThread thread = SerialThread.named("printing");

  public PrintDesk(
      CaseDocuments documents,
      CaseRepository cases,
      CallPort desk,
      AuditLog audit,
      ProtocolCodec codec,
      Ids ids) {
    this.documents = documents;
    this.cases = cases;
    this.desk = desk;
    this.audit = audit;
    this.codec = codec;
    this.ids = ids;
  }

  public Map<String, Object> request(
      String callId, String documentId, Paper paper, StaffMember advisor) {
    CallParties call =
        desk.callInProgress(callId)
            .orElseThrow(
                () ->
                    new ApiError(409, "This call is not in progress, so the kiosk cannot print."));
    if (!call.advisorId().equals(advisor.id()))
      throw new ApiError(403, "Only the advisor in this call can do that.");
    CaseDocument doc =
        documents
            .find(documentId)
            .orElseThrow(() -> new ApiError(404, "There is no document with that id."));
    if (!doc.mediaType().equals("application/pdf"))
      throw new ApiError(400, "Only PDF documents can be printed.");
    String caseId =
        cases
            .find(call.caseId())
            .map(c -> c.mergedInto() != null ? c.mergedInto() : c.id())
            .orElseThrow();
    if (!doc.caseId().equals(caseId))
      throw new ApiError(403, "That document belongs to another case.");
    Grant g = new Grant(ids.newId(), doc.id(), caseId, call, advisor.id(), paper);
    grants.put(g.printId(), g);
    audit.record(
        advisor.auditName(),
        "print.requested",
        caseId,
        doc.id(),
        paper.name() + " at kiosk " + call.kioskId());
    Map<String, Object> m = view(g, "SENT", null);
    m.put("title", doc.title());
    desk.sendToCall(callId, codec.encode(MessageType.PRINT_REQUESTED, m), true, false);
    return m;
  }

  /** The document to print, for the kiosk that was asked to print it. */
  public byte[] fileFor(String kioskId, String printId) throws IOException {
    Grant g = grants.get(printId);
    if (g == null || !g.call().kioskId().equals(kioskId))
      throw new ApiError(404, "There is no print job for this kiosk with that id.");
    CaseDocument doc = documents.find(g.documentId()).orElseThrow();
    audit.record("kiosk:" + kioskId, "print.fetched", g.caseId(), doc.id(), printId);
    return documents.bytesOf(doc);
  }

  @Override
  public void onKiosk(CallContext ctx, Envelope msg) {
    CallParties call = ctx.parties();
    thread.execute(() -> recordOutcome(call, msg));
  }

  private void recordOutcome(CallParties call, Envelope msg) {
    Grant g = grants.remove(msg.text("printId"));
    if (g == null || !g.call().kioskId().equals(call.kioskId())) return;
    boolean ok = msg.payload().path("ok").asBoolean();
    String message = msg.text("message");
    String summary =
        ok
            ? "Printed at the kiosk (" + g.paper() + ")"
            : "Printing at the kiosk failed: " + message;
    cases.addToTimeline(
        g.caseId(),
        "print." + (ok ? "done" : "failed"),
        summary,
        "kiosk:" + call.kioskId(),
        g.documentId());
    audit.record(
        "kiosk:" + call.kioskId(),
        ok ? "print.done" : "print.failed",
        g.caseId(),
        g.documentId(),
        ok ? msg.text("jobId") : message);
    desk.sendToAdvisor(
        g.requestedBy(),
        codec.encode(MessageType.PRINT_UPDATED, view(g, ok ? "PRINTED" : "FAILED", message)));
  }

  @Override
  public void onAdvisor(CallContext ctx, StaffMember advisor, Envelope msg) {}

  @Override
  public void onCallEnded(CallContext ctx) {
    CallParties call = ctx.parties();
    grants.values().removeIf(g -> g.call().callId().equals(call.callId()));
  }

  private static Map<String, Object> view(Grant g, String status, String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("printId", g.printId());
    m.put("documentId", g.documentId());
    m.put("paper", g.paper().name());
    m.put("status", status);
    if (message != null) m.put("message", message);
    return m;
  }

  @Override
  public void close() {
    thread.close();
  }

  // Transitional (ADR 0034 migration): this desk still hands work to its own threads, so the router
  // calls it inline on the call desk's thread, as before.
  private final SerialThread dispatch = SerialThread.inline("printing");

  @Override
  public String name() {
    return "printing";
  }

  @Override
  public SerialThread thread() {
    return dispatch;
  }

  @Override
  public Set<MessageType> kioskTypes() {
    return Set.of(MessageType.PRINT_DONE);
  }
}
