package uk.gov.council.cap.server.printing;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.server.artefacts.CaseDocument;
import uk.gov.council.cap.server.artefacts.CaseDocuments;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.cases.CaseRepository;
import uk.gov.council.cap.server.db.Ids;
import uk.gov.council.cap.server.incall.CallContext;
import uk.gov.council.cap.server.incall.CallContexts;
import uk.gov.council.cap.server.incall.InCallCapability;
import uk.gov.council.cap.server.incall.InCallProblem;
import uk.gov.council.cap.server.staff.StaffMember;
import uk.gov.council.cap.server.threads.SerialThread;

/**
 * Printing a document of the case at the kiosk in the call (a badge on card stock, a form on A4).
 * The advisor asks; the kiosk is told; kiosk-app fetches that one document with its own credentials
 * (only a document it was asked to print, only while the call lasts) and reports the outcome, which
 * goes on the case. The jobs out at kiosks live only on this capability's thread: a job is worth
 * nothing once its call has ended, so there is nothing to save.
 */
public final class PrintDesk implements InCallCapability {
  public enum Paper {
    A4,
    CR80
  }

  private record Job(
      String printId,
      String documentId,
      String caseId,
      String callId,
      String kioskId,
      String requestedBy,
      Paper paper,
      Outcome outcome) {}

  /** Told how a job the resident asked for went: printed, or the printer's fault in plain words. */
  @FunctionalInterface
  public interface Outcome {
    void printed(boolean ok, String message);
  }

  private final CaseDocuments documents;
  private final CaseRepository cases;
  private final CallContexts calls;
  private final AuditLog audit;
  private final Ids ids;
  private final SerialThread thread;
  private final Map<String, Job> jobs = new HashMap<>();

  public PrintDesk(
      CaseDocuments documents,
      CaseRepository cases,
      CallContexts calls,
      AuditLog audit,
      Ids ids,
      SerialThread thread) {
    this.documents = documents;
    this.cases = cases;
    this.calls = calls;
    this.audit = audit;
    this.ids = ids;
    this.thread = thread;
  }

  public Map<String, Object> request(
      String callId, String documentId, Paper paper, StaffMember advisor) {
    return thread.ask(
        () -> send(calls.forAdvisor(callId, advisor, "print"), advisor, documentId, paper));
  }

  private Map<String, Object> send(
      CallContext call, StaffMember advisor, String documentId, Paper paper) {
    CaseDocument doc =
        documents
            .find(documentId)
            .orElseThrow(() -> new InCallProblem(404, "There is no document with that id."));
    if (!doc.mediaType().equals("application/pdf"))
      throw new InCallProblem(400, "Only PDF documents can be printed.");
    if (!doc.caseId().equals(call.caseId()))
      throw new InCallProblem(403, "That document belongs to another case.");
    Job job =
        new Job(
            ids.newId(),
            doc.id(),
            call.caseId(),
            call.callId(),
            call.kioskId(),
            advisor.id(),
            paper,
            null);
    jobs.put(job.printId(), job);
    audit.record(
        advisor.auditName(),
        "print.requested",
        job.caseId(),
        doc.id(),
        paper.name() + " at kiosk " + call.kioskId());
    Map<String, Object> m = view(job, PrintStatus.SENT, null);
    m.put("title", doc.title());
    call.toKiosk(MessageType.PRINT_REQUESTED, m);
    return m;
  }

  /**
   * Prints a document of the call at its kiosk after the call has ended, because the resident asked
   * there (the call summary). Call on this desk's thread's behalf: it hops there itself. {@code
   * outcome} hears, once, whether it printed.
   */
  public void printForResident(CallContext call, CaseDocument doc, String title, Outcome outcome) {
    thread.execute(
        () -> {
          Job job =
              new Job(
                  ids.newId(),
                  doc.id(),
                  call.caseId(),
                  call.callId(),
                  call.kioskId(),
                  "kiosk:" + call.kioskId(),
                  Paper.A4,
                  outcome);
          jobs.put(job.printId(), job);
          audit.record(
              job.requestedBy(),
              "print.requested",
              job.caseId(),
              doc.id(),
              "A4 at kiosk " + call.kioskId() + ", asked for by the resident");
          Map<String, Object> m = view(job, PrintStatus.SENT, null);
          m.put("title", title);
          call.toKioskAnyway(MessageType.PRINT_REQUESTED, m);
        });
  }

  /** The document to print, for the kiosk that was asked to print it. */
  public byte[] fileFor(String kioskId, String printId) throws IOException {
    Job job = thread.ask(() -> jobs.get(printId));
    if (job == null || !job.kioskId().equals(kioskId))
      throw new InCallProblem(404, "There is no print job for this kiosk with that id.");
    CaseDocument doc = documents.find(job.documentId()).orElseThrow();
    audit.record("kiosk:" + kioskId, "print.fetched", job.caseId(), doc.id(), printId);
    return documents.bytesOf(doc);
  }

  @Override
  public void onKiosk(CallContext call, Envelope msg) {
    Job job = jobs.get(msg.text("printId"));
    if (job == null || !job.kioskId().equals(call.kioskId())) return;
    boolean ok = msg.payload().path("ok").asBoolean();
    PrintStatus outcome = ok ? PrintStatus.PRINTED : PrintStatus.FAILED;
    if (!PrintStatus.SENT.canMoveTo(outcome)) return;
    jobs.remove(job.printId());
    String message = msg.text("message");
    String summary =
        ok
            ? "Printed at the kiosk (" + job.paper() + ")"
            : "Printing at the kiosk failed: " + message;
    String kiosk = "kiosk:" + call.kioskId();
    cases.addToTimeline(
        job.caseId(), "print." + (ok ? "done" : "failed"), summary, kiosk, job.documentId());
    audit.record(
        kiosk,
        ok ? "print.done" : "print.failed",
        job.caseId(),
        job.documentId(),
        ok ? msg.text("jobId") : message);
    if (job.outcome() != null) {
      job.outcome().printed(ok, message);
      return;
    }
    // To whoever asked, even if the call has just ended: the badge did print.
    calls.toAdvisor(
        job.requestedBy(),
        calls.codec().encode(MessageType.PRINT_UPDATED, view(job, outcome, message)));
  }

  /** The kiosk's report on a job printed after its call (the resident's call summary). */
  @Override
  public void onKioskAfterCall(CallContext call, Envelope msg) {
    onKiosk(call, msg);
  }

  @Override
  public void onCallEnded(CallContext call) {
    // A job asked for after an earlier call of this kiosk is stale too, once the next call ends.
    jobs.values()
        .removeIf(
            job ->
                job.callId().equals(call.callId())
                    || (job.outcome() != null && job.kioskId().equals(call.kioskId())));
  }

  private static Map<String, Object> view(Job job, PrintStatus status, String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("printId", job.printId());
    m.put("documentId", job.documentId());
    m.put("paper", job.paper().name());
    m.put("status", status.name());
    if (message != null) m.put("message", message);
    return m;
  }

  @Override
  public String name() {
    return "printing";
  }

  @Override
  public SerialThread thread() {
    return thread;
  }

  @Override
  public Set<MessageType> kioskTypes() {
    return Set.of(MessageType.PRINT_DONE);
  }

  @Override
  public Set<MessageType> afterCallKioskTypes() {
    return Set.of(MessageType.PRINT_DONE);
  }
}
