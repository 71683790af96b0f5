package uk.gov.council.cap.server.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.protocol.ErrorCode;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.protocol.ProtocolCodec;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.artefacts.CaseDocument;
import uk.gov.council.cap.server.artefacts.CaseDocuments;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.cases.CaseRecord;
import uk.gov.council.cap.server.cases.CaseRepository;
import uk.gov.council.cap.server.customers.Customer;
import uk.gov.council.cap.server.customers.CustomerRepository;
import uk.gov.council.cap.server.db.Ids;
import uk.gov.council.cap.server.incall.CallContext;
import uk.gov.council.cap.server.incall.CallParties;
import uk.gov.council.cap.server.incall.CallPort;
import uk.gov.council.cap.server.incall.InCallCapability;
import uk.gov.council.cap.server.staff.StaffMember;
import uk.gov.council.cap.server.threads.SerialThread;

/**
 * Forms inside calls: the advisor pushes a form, both parties answer, the resident signs, the
 * sealed record lands on the case. Every change runs on one "forms" thread (so answers to a form
 * apply in order); composing and sealing the PDF runs on its own pool so a slow seal never holds up
 * typing in another call.
 */
public final class FormDesk implements InCallCapability, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FormDesk.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String RESIDENT = "resident";

  private final FormLibrary library;
  private final FormSessions sessions;
  private final FormSealer sealer;
  private final CaseDocuments documents;
  private final CaseRepository cases;
  private final CustomerRepository customers;
  private final CallPort desk;
  private final AuditLog audit;
  private final ProtocolCodec codec;
  private final Jdbi jdbi;
  private final Ids ids;
  private final Clock clock;
  private final ExecutorService formsThread = Executors.newSingleThreadExecutor(named("forms"));
  private final ExecutorService sealingPool =
      Executors.newFixedThreadPool(2, named("form-sealing"));

  /** Open forms by session id; touched only on the forms thread. */
  private final Map<String, FormSession> open = new HashMap<>();

  private final Set<String> signing = new HashSet<>();

  public FormDesk(
      FormLibrary library,
      FormSessions sessions,
      FormSealer sealer,
      CaseDocuments documents,
      CaseRepository cases,
      CustomerRepository customers,
      CallPort desk,
      AuditLog audit,
      ProtocolCodec codec,
      Jdbi jdbi,
      Ids ids,
      Clock clock) {
    this.library = library;
    this.sessions = sessions;
    this.sealer = sealer;
    this.documents = documents;
    this.cases = cases;
    this.customers = customers;
    this.desk = desk;
    this.audit = audit;
    this.codec = codec;
    this.jdbi = jdbi;
    this.ids = ids;
    this.clock = clock;
  }

  // ---- from the console's REST calls ----

  public FormSession start(String callId, String formId, StaffMember advisor) {
    return onFormsThread(
        () -> {
          CallParties call = advisorsCall(callId, advisor);
          FormDefinition form =
              library
                  .latest(formId)
                  .orElseThrow(
                      () -> new FormProblem(404, "There is no form called \"" + formId + "\"."));
          for (FormSession other : new ArrayList<>(open.values())) {
            if (other.callId().equals(callId) && !signing.contains(other.id()))
              pause(other, advisor, "paused");
          }
          // If the advisor linked the caller to a customer with an open case, the contact was
          // merged into that case.
          CaseRecord theCase = cases.find(call.caseId()).orElseThrow();
          if (theCase.mergedInto() != null)
            theCase = cases.find(theCase.mergedInto()).orElseThrow();
          String caseId = theCase.id();
          Optional<Customer> customer =
              Optional.ofNullable(theCase.customerId()).flatMap(customers::find);
          Map<String, String> answers = Prefill.answersFor(form, customer.orElse(null));
          Map<String, String> by = new LinkedHashMap<>();
          answers.keySet().forEach(f -> by.put(f, "case record"));
          Instant now = clock.now();
          FormSession session =
              new FormSession(
                  ids.newId(),
                  caseId,
                  callId,
                  form.id(),
                  form.version(),
                  FormSession.Status.OPEN,
                  answers,
                  by,
                  advisor.id(),
                  now,
                  now,
                  null);
          jdbi.useTransaction(
              h -> {
                sessions.insert(h, session);
                cases.addToTimeline(
                    h,
                    caseId,
                    "form.started",
                    form.title() + " (version " + form.version() + ") sent to the kiosk",
                    advisor.auditName(),
                    session.id());
              });
          audit.record(advisor.auditName(), "form.started", caseId, session.id(), form.key());
          open.put(session.id(), session);
          sendOpened(session, form);
          return session;
        });
  }

  public FormSession pause(String sessionId, StaffMember advisor) {
    return onFormsThread(
        () -> {
          FormSession session = open.get(sessionId);
          if (session == null) throw new FormProblem(409, "That form is not open on the kiosk.");
          if (signing.contains(sessionId))
            throw new FormProblem(409, "The resident has signed; the form is being saved.");
          advisorsCall(session.callId(), advisor);
          return pause(session, advisor, "paused");
        });
  }

  public FormSession resume(String sessionId, StaffMember advisor) {
    return onFormsThread(
        () -> {
          FormSession session =
              sessions
                  .find(sessionId)
                  .orElseThrow(() -> new FormProblem(404, "There is no form with that id."));
          if (session.status() != FormSession.Status.PAUSED)
            throw new FormProblem(409, "Only a paused form can be resumed.");
          advisorsCall(session.callId(), advisor);
          for (FormSession other : new ArrayList<>(open.values())) {
            if (other.callId().equals(session.callId()) && !signing.contains(other.id()))
              pause(other, advisor, "paused");
          }
          FormDefinition form = definitionOf(session);
          FormSession resumed = session.with(FormSession.Status.OPEN, clock.now());
          jdbi.useTransaction(
              h -> {
                sessions.setStatus(
                    h, sessionId, FormSession.Status.OPEN, resumed.updatedAt(), null);
                cases.addToTimeline(
                    h,
                    session.caseId(),
                    "form.resumed",
                    form.title() + " resumed",
                    advisor.auditName(),
                    sessionId);
              });
          audit.record(
              advisor.auditName(), "form.resumed", session.caseId(), sessionId, form.key());
          open.put(sessionId, resumed);
          sendOpened(resumed, form);
          return resumed;
        });
  }

  private FormSession pause(FormSession session, StaffMember advisor, String reason) {
    FormSession paused = session.with(FormSession.Status.PAUSED, clock.now());
    jdbi.useTransaction(
        h -> {
          sessions.setStatus(h, session.id(), FormSession.Status.PAUSED, paused.updatedAt(), null);
          cases.addToTimeline(
              h,
              session.caseId(),
              "form.paused",
              definitionOf(session).title() + " paused",
              advisor.auditName(),
              session.id());
        });
    audit.record(advisor.auditName(), "form.paused", session.caseId(), session.id(), reason);
    open.remove(session.id());
    desk.sendToCall(
        session.callId(),
        codec.encode(MessageType.FORM_CLOSED, Map.of("sessionId", session.id(), "reason", reason)),
        true,
        true);
    return paused;
  }

  // ---- from the sockets (called on the call desk's thread: hand over at once) ----

  @Override
  public void onKiosk(CallContext ctx, Envelope msg) {
    CallParties call = ctx.parties();
    formsThread.execute(
        () ->
            safely(
                () -> {
                  switch (msg.type()) {
                    case FORM_ANSWER ->
                        answer(
                            call, msg, RESIDENT, "the resident", "kiosk:" + call.kioskId(), true);
                    case FORM_PROGRESS -> progress(call, msg);
                    case FORM_SIGN -> sign(call, msg);
                    default -> {}
                  }
                }));
  }

  @Override
  public void onAdvisor(CallContext ctx, StaffMember advisor, Envelope msg) {
    CallParties call = ctx.parties();
    formsThread.execute(
        () ->
            safely(
                () -> {
                  if (msg.type() == MessageType.FORM_ANSWER)
                    answer(call, msg, "advisor", advisor.displayName(), advisor.auditName(), false);
                }));
  }

  @Override
  public void onCallEnded(CallContext ctx) {
    CallParties call = ctx.parties();
    formsThread.execute(
        () ->
            safely(
                () -> {
                  for (FormSession session : new ArrayList<>(open.values())) {
                    if (!session.callId().equals(call.callId()) || signing.contains(session.id()))
                      continue;
                    // The draft stays on the case for the advisor; the kiosk forgets its copy when
                    // it resets.
                    Instant now = clock.now();
                    jdbi.useTransaction(
                        h -> {
                          sessions.setStatus(h, session.id(), FormSession.Status.PAUSED, now, null);
                          cases.addToTimeline(
                              h,
                              session.caseId(),
                              "form.unfinished",
                              definitionOf(session).title()
                                  + " left unfinished when the call ended; the draft is kept",
                              "system",
                              session.id());
                        });
                    open.remove(session.id());
                  }
                }));
  }

  /**
   * One side of the call came back (a reloaded kiosk screen has forgotten the form; a reloaded
   * console too): the open form is sent to both again with its answers, and the kiosk picks up at
   * the first question not yet answered.
   */
  @Override
  public void onCallResumed(CallContext ctx) {
    CallParties call = ctx.parties();
    formsThread.execute(
        () ->
            safely(
                () -> {
                  for (FormSession session : new ArrayList<>(open.values())) {
                    if (session.callId().equals(call.callId()) && !signing.contains(session.id())) {
                      sendOpened(session, definitionOf(session));
                    }
                  }
                }));
  }

  private void answer(
      CallParties call, Envelope msg, String by, String byName, String actor, boolean fromKiosk) {
    String sessionId = msg.text("sessionId");
    FormSession session = open.get(sessionId);
    if (session == null || !session.callId().equals(call.callId())) {
      replyError(
          call,
          fromKiosk,
          ErrorCode.NOT_YOUR_CALL,
          "That form is not open in this call.",
          msg.id());
      return;
    }
    if (signing.contains(sessionId)) {
      replyError(
          call,
          fromKiosk,
          ErrorCode.CONFLICT,
          "This form has been signed; its answers can no longer change.",
          msg.id());
      return;
    }
    FormDefinition form = definitionOf(session);
    String field = msg.text("field");
    if (form.page(field).isEmpty()) {
      replyError(
          call,
          fromKiosk,
          ErrorCode.INVALID_PAYLOAD,
          "This form has no question called " + field + ".",
          msg.id());
      return;
    }
    JsonNode valueNode = msg.payload().get("value");
    String value = valueNode == null || valueNode.isNull() ? null : valueNode.asText();
    Map<String, String> answers = new LinkedHashMap<>(session.answers());
    Map<String, String> answeredBy = new LinkedHashMap<>(session.answeredBy());
    if (value == null) answers.remove(field);
    else answers.put(field, value);
    answeredBy.put(field, by.equals(RESIDENT) ? RESIDENT : byName);
    FormSession updated =
        new FormSession(
            session.id(),
            session.caseId(),
            session.callId(),
            session.formId(),
            session.formVersion(),
            session.status(),
            answers,
            answeredBy,
            session.startedBy(),
            session.startedAt(),
            clock.now(),
            null);
    sessions.saveAnswers(updated);
    open.put(sessionId, updated);
    boolean isFinal = msg.payload().path("final").asBoolean(false);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("sessionId", sessionId);
    out.put("field", field);
    out.put("value", value);
    out.put("by", by);
    out.put("byName", byName);
    out.put("final", isFinal);
    out.put("display", form.page(field).get().display(value));
    out.put("error", isFinal ? library.checks().errorFor(form, answers, field).orElse(null) : null);
    out.put("visiblePages", form.visiblePages(answers).stream().map(FormPage::id).toList());
    desk.sendToCall(call.callId(), codec.encode(MessageType.FORM_UPDATED, out), true, true);
    if (isFinal) audit.record(actor, "form.answered", session.caseId(), sessionId, field);
  }

  private void progress(CallParties call, Envelope msg) {
    FormSession session = open.get(msg.text("sessionId"));
    if (session != null && session.callId().equals(call.callId())) {
      desk.sendToCall(
          call.callId(), codec.encode(MessageType.FORM_PROGRESS, msg.payload()), false, true);
    }
  }

  private void sign(CallParties call, Envelope msg) {
    String sessionId = msg.text("sessionId");
    FormSession session = open.get(sessionId);
    if (session == null || !session.callId().equals(call.callId())) {
      replyError(
          call, true, ErrorCode.NOT_YOUR_CALL, "That form is not open in this call.", msg.id());
      return;
    }
    if (signing.contains(sessionId))
      return; // a double tap on "Confirm": the first one is being saved
    FormDefinition form = definitionOf(session);
    Map<String, String> errors = library.checks().errors(form, session.answers());
    if (!errors.isEmpty()) {
      List<Map<String, String>> list = new ArrayList<>();
      errors.forEach(
          (field, message) ->
              list.add(
                  Map.of("field", field, "page", form.page(field).get().id(), "message", message)));
      reject(call, sessionId, "Some answers need changing before you sign.", list);
      return;
    }
    SignatureStrokes strokes;
    try {
      strokes = SignatureStrokes.from(msg.payload());
    } catch (IllegalArgumentException e) {
      reject(call, sessionId, e.getMessage(), List.of());
      return;
    }
    signing.add(sessionId);
    desk.sendToCall(
        call.callId(),
        codec.encode(MessageType.FORM_SIGNED, Map.of("sessionId", sessionId)),
        true,
        false);
    // The advisor sees the signature arrive, drawn by the server from the strokes, as it will be on
    // the PDF.
    desk.sendToCall(
        call.callId(),
        codec.encode(
            MessageType.FORM_SIGNED,
            Map.of("sessionId", sessionId, "signatureImage", strokes.asPngDataUrl())),
        false,
        true);
    Instant signedAt = clock.now();
    Map<String, String> answers = form.effectiveAnswers(session.answers());
    String signer = answers.getOrDefault("fullName", "The resident");
    String caseReference =
        cases.find(session.caseId()).map(CaseRecord::reference).orElse(call.caseReference());
    sealingPool.execute(
        () -> {
          try {
            byte[] pdf =
                sealer.sealedRecord(form, caseReference, answers, signer, strokes, signedAt);
            byte[] evidence = evidenceJson(session, form, msg.payload(), signedAt);
            formsThread.execute(
                () -> safely(() -> completed(call, session, form, pdf, evidence, signedAt)));
          } catch (IOException | RuntimeException e) {
            LOG.error("Could not seal form {} of case {}", sessionId, call.caseReference(), e);
            formsThread.execute(
                () -> {
                  signing.remove(sessionId);
                  reject(
                      call,
                      sessionId,
                      "Sorry, the form could not be saved. Nothing was stored. Please try signing again.",
                      List.of());
                });
          }
        });
  }

  private void completed(
      CallParties call,
      FormSession session,
      FormDefinition form,
      byte[] pdf,
      byte[] evidence,
      Instant signedAt) {
    String actor = "kiosk:" + call.kioskId();
    CaseDocument record = null;
    CaseDocument strokes = null;
    try {
      record =
          documents.store(
              new CaseDocuments.NewDocument(
                  session.caseId(),
                  "form",
                  form.title(),
                  "application/pdf",
                  pdf,
                  actor,
                  signedAt,
                  session.id(),
                  null));
      strokes =
          documents.store(
              new CaseDocuments.NewDocument(
                  session.caseId(),
                  "signature-evidence",
                  "Signature strokes for " + form.title(),
                  "application/json",
                  evidence,
                  actor,
                  signedAt,
                  session.id(),
                  record.id()));
      CaseDocument pdfDoc = record;
      CaseDocument evidenceDoc = strokes;
      jdbi.useTransaction(
          h -> {
            documents.record(h, pdfDoc);
            documents.record(h, evidenceDoc);
            sessions.setStatus(
                h, session.id(), FormSession.Status.COMPLETED, signedAt, pdfDoc.id());
            cases.addToTimeline(
                h,
                session.caseId(),
                "form.completed",
                form.title() + " signed and sealed (" + pdfDoc.sizeBytes() / 1024 + " KB PDF)",
                actor,
                pdfDoc.id());
          });
    } catch (IOException | RuntimeException e) {
      LOG.error(
          "Could not store the sealed form {} of case {}", session.id(), call.caseReference(), e);
      if (record != null) documents.discard(record);
      if (strokes != null) documents.discard(strokes);
      signing.remove(session.id());
      reject(
          call,
          session.id(),
          "Sorry, the form could not be saved. Nothing was stored. Please try signing again.",
          List.of());
      return;
    }
    audit.record(
        actor,
        "form.signed",
        session.caseId(),
        session.id(),
        form.key() + " document=" + record.id() + " sha256=" + record.sha256());
    open.remove(session.id());
    signing.remove(session.id());
    desk.sendToCall(
        call.callId(),
        codec.encode(
            MessageType.FORM_COMPLETED,
            Map.of(
                "sessionId",
                session.id(),
                "documentId",
                record.id(),
                "caseId",
                session.caseId(),
                "title",
                form.title())),
        true,
        true);
  }

  private byte[] evidenceJson(
      FormSession session, FormDefinition form, JsonNode signPayload, Instant signedAt) {
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("formSessionId", session.id());
    evidence.put("form", form.key());
    evidence.put("signedAt", signedAt.toString());
    evidence.put(
        "canvas", Map.of("width", signPayload.get("width"), "height", signPayload.get("height")));
    evidence.put("strokes", signPayload.get("strokes"));
    try {
      return JSON.writerWithDefaultPrettyPrinter()
          .writeValueAsString(evidence)
          .getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void reject(
      CallParties call, String sessionId, String message, List<Map<String, String>> errors) {
    desk.sendToCall(
        call.callId(),
        codec.encode(
            MessageType.FORM_REJECTED,
            Map.of("sessionId", sessionId, "message", message, "errors", errors)),
        true,
        true);
  }

  private void replyError(
      CallParties call, boolean toKiosk, ErrorCode code, String message, String ref) {
    desk.sendToCall(call.callId(), codec.error(code, message, ref), toKiosk, !toKiosk);
  }

  private void sendOpened(FormSession session, FormDefinition form) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("sessionId", session.id());
    payload.put("callId", session.callId());
    payload.put("form", form.forScreens());
    payload.put("answers", session.answers());
    payload.put("answeredBy", session.answeredBy());
    desk.sendToCall(session.callId(), codec.encode(MessageType.FORM_OPENED, payload), true, true);
  }

  private CallParties advisorsCall(String callId, StaffMember advisor) {
    CallParties call =
        desk.callInProgress(callId)
            .orElseThrow(
                () ->
                    new FormProblem(
                        409, "This call is not in progress, so the kiosk cannot be sent a form."));
    if (!call.advisorId().equals(advisor.id()))
      throw new FormProblem(403, "Only the advisor in this call can do that.");
    return call;
  }

  FormDefinition definitionOf(FormSession session) {
    return library
        .find(session.formId(), session.formVersion())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Form "
                        + session.formId()
                        + " version "
                        + session.formVersion()
                        + " is no longer in the library"));
  }

  private <T> T onFormsThread(Callable<T> task) {
    try {
      return formsThread.submit(task).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException("The forms desk did not answer", e);
    }
  }

  private static void safely(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.error("Form task failed; the forms desk carries on", e);
    }
  }

  private static java.util.concurrent.ThreadFactory named(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    sealingPool.shutdown();
    formsThread.shutdown();
    try {
      sealingPool.awaitTermination(10, TimeUnit.SECONDS);
      formsThread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // Transitional (ADR 0034 migration): this desk still hands work to its own threads, so the router
  // calls it inline on the call desk's thread, as before.
  private final SerialThread dispatch = SerialThread.inline("forms");

  @Override
  public String name() {
    return "forms";
  }

  @Override
  public SerialThread thread() {
    return dispatch;
  }

  @Override
  public Set<MessageType> kioskTypes() {
    return Set.of(MessageType.FORM_ANSWER, MessageType.FORM_PROGRESS, MessageType.FORM_SIGN);
  }

  @Override
  public Set<MessageType> advisorTypes() {
    return Set.of(MessageType.FORM_ANSWER);
  }
}
