package uk.gov.council.cap.server.forms;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.jdbi.v3.core.Jdbi;
import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.protocol.ErrorCode;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.artefacts.CaseDocuments;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.cases.CaseRepository;
import uk.gov.council.cap.server.customers.Customer;
import uk.gov.council.cap.server.customers.CustomerRepository;
import uk.gov.council.cap.server.db.Ids;
import uk.gov.council.cap.server.forms.FormSession.Status;
import uk.gov.council.cap.server.incall.CallContext;
import uk.gov.council.cap.server.incall.CallContexts;
import uk.gov.council.cap.server.incall.InCallCapability;
import uk.gov.council.cap.server.incall.InCallProblem;
import uk.gov.council.cap.server.staff.StaffMember;
import uk.gov.council.cap.server.threads.SerialThread;

/**
 * Forms inside calls: the advisor pushes a form, both parties answer, the resident signs, the
 * sealed record lands on the case ({@link FormSigning}). Every handler and route runs on the forms
 * thread, so answers to a form apply in order; the form's status is in the database, so it needs no
 * state here.
 */
public final class FormDesk implements InCallCapability {
  static final String RESIDENT = "resident";

  private final FormLibrary library;
  private final FormSessionRepository sessions;
  private final CaseRepository cases;
  private final CustomerRepository customers;
  private final CallContexts calls;
  private final AuditLog audit;
  private final Jdbi jdbi;
  private final Ids ids;
  private final Clock clock;
  private final SerialThread thread;
  private final FormMessages messages;
  private final FormSigning signing;

  public FormDesk(
      FormLibrary library,
      FormSessionRepository sessions,
      FormSealer sealer,
      CaseDocuments documents,
      CaseRepository cases,
      CustomerRepository customers,
      CallContexts calls,
      AuditLog audit,
      Jdbi jdbi,
      Ids ids,
      Clock clock,
      SerialThread thread,
      Executor sealingPool) {
    this.library = library;
    this.sessions = sessions;
    this.cases = cases;
    this.customers = customers;
    this.calls = calls;
    this.audit = audit;
    this.jdbi = jdbi;
    this.ids = ids;
    this.clock = clock;
    this.thread = thread;
    this.messages = new FormMessages(calls);
    this.signing =
        new FormSigning(
            library,
            sessions,
            sealer,
            documents,
            cases,
            audit,
            messages,
            jdbi,
            clock,
            thread,
            sealingPool);
  }

  /** On start: seals the forms the server was sealing when it stopped. */
  public void resumeSealing() {
    thread.execute(signing::sealUnfinished);
  }

  // ---- from the console's REST calls ----

  public FormSession start(String callId, String formId, StaffMember advisor) {
    return thread.ask(
        () -> {
          CallContext call = calls.forAdvisor(callId, advisor, "be sent a form");
          FormDefinition form =
              library
                  .latest(formId)
                  .orElseThrow(
                      () -> new InCallProblem(404, "There is no form called \"" + formId + "\"."));
          pauseOthers(callId, advisor);
          // If the advisor linked the caller to a customer with an open case, the contact was
          // merged into that case.
          String caseId = call.caseId();
          Optional<Customer> customer =
              cases.find(caseId).map(c -> c.customerId()).flatMap(customers::find);
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
                  Status.OPEN,
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
          messages.opened(session, form);
          return session;
        });
  }

  public FormSession pause(String sessionId, StaffMember advisor) {
    return thread.ask(
        () -> {
          FormSession session = sessions.find(sessionId).orElse(null);
          if (session != null && session.status() == Status.SIGNING)
            throw new InCallProblem(409, "The resident has signed; the form is being saved.");
          if (session == null || session.status() != Status.OPEN)
            throw new InCallProblem(409, "That form is not open on the kiosk.");
          calls.forAdvisor(session.callId(), advisor, "be sent a form");
          return pause(session, advisor, "paused");
        });
  }

  public FormSession resume(String sessionId, StaffMember advisor) {
    return thread.ask(
        () -> {
          FormSession session =
              sessions
                  .find(sessionId)
                  .orElseThrow(() -> new InCallProblem(404, "There is no form with that id."));
          if (session.status() != Status.PAUSED)
            throw new InCallProblem(409, "Only a paused form can be resumed.");
          calls.forAdvisor(session.callId(), advisor, "be sent a form");
          pauseOthers(session.callId(), advisor);
          FormDefinition form = library.definitionOf(session);
          FormSession resumed = session.with(Status.OPEN, clock.now());
          moveOrRefuse(
              session,
              Status.OPEN,
              "form.resumed",
              form.title() + " resumed",
              advisor.auditName(),
              "Only a paused form can be resumed.");
          audit.record(
              advisor.auditName(), "form.resumed", session.caseId(), sessionId, form.key());
          messages.opened(resumed, form);
          return resumed;
        });
  }

  /** One form on the kiosk at a time: the others open in this call become drafts. */
  private void pauseOthers(String callId, StaffMember advisor) {
    for (FormSession other : sessions.inCall(callId, Status.OPEN)) pause(other, advisor, "paused");
  }

  private FormSession pause(FormSession session, StaffMember advisor, String reason) {
    FormSession paused = session.with(Status.PAUSED, clock.now());
    moveOrRefuse(
        session,
        Status.PAUSED,
        "form.paused",
        library.definitionOf(session).title() + " paused",
        advisor.auditName(),
        "That form is not open on the kiosk.");
    audit.record(advisor.auditName(), "form.paused", session.caseId(), session.id(), reason);
    messages.closed(session, reason);
    return paused;
  }

  /** Moves the form and notes it on the case, together; 409 if the form had moved on. */
  private void moveOrRefuse(
      FormSession session, Status to, String event, String summary, String actor, String refusal) {
    jdbi.useTransaction(
        h -> {
          if (!sessions.transition(h, session.id(), session.status(), to, clock.now()))
            throw new InCallProblem(409, refusal);
          cases.addToTimeline(h, session.caseId(), event, summary, actor, session.id());
        });
  }

  // ---- from the sockets, on the forms thread ----

  @Override
  public void onKiosk(CallContext call, Envelope msg) {
    switch (msg.type()) {
      case FORM_ANSWER ->
          answer(call, msg, RESIDENT, "the resident", "kiosk:" + call.kioskId(), true);
      case FORM_PROGRESS -> progress(call, msg);
      case FORM_SIGN -> sign(call, msg);
      default -> {}
    }
  }

  @Override
  public void onAdvisor(CallContext call, StaffMember advisor, Envelope msg) {
    if (msg.type() == MessageType.FORM_ANSWER)
      answer(call, msg, "advisor", advisor.displayName(), advisor.auditName(), false);
  }

  /**
   * The draft stays on the case for the advisor; the kiosk forgets its copy when it resets. A form
   * being signed is sealed all the same: the resident has signed it.
   */
  @Override
  public void onCallEnded(CallContext call) {
    for (FormSession session : sessions.inCall(call.callId(), Status.OPEN)) {
      jdbi.useTransaction(
          h -> {
            if (!sessions.transition(h, session.id(), Status.OPEN, Status.PAUSED, clock.now()))
              return;
            cases.addToTimeline(
                h,
                session.caseId(),
                "form.unfinished",
                library.definitionOf(session).title()
                    + " left unfinished when the call ended; the draft is kept",
                "system",
                session.id());
          });
    }
  }

  /**
   * One side of the call came back (a reloaded kiosk screen has forgotten the form; a reloaded
   * console too, or the server restarted): the open form is sent to both again with its answers,
   * and the kiosk picks up at the first question not yet answered; a form being sealed shows its
   * "saving" step again.
   */
  @Override
  public void onCallResumed(CallContext call) {
    for (FormSession session : sessions.inCall(call.callId(), Status.OPEN))
      messages.opened(session, library.definitionOf(session));
    for (FormSession session : sessions.inCall(call.callId(), Status.SIGNING))
      signing.showAgain(session);
  }

  /** The form of this message if it is open or being signed in this call; else says so. */
  private Optional<FormSession> liveIn(CallContext call, Envelope msg, boolean fromKiosk) {
    Optional<FormSession> session =
        sessions
            .find(msg.text("sessionId"))
            .filter(s -> s.isIn(call.callId()) && Status.LIVE.contains(s.status()));
    if (session.isEmpty())
      FormMessages.error(
          call,
          fromKiosk,
          ErrorCode.NOT_YOUR_CALL,
          "That form is not open in this call.",
          msg.id());
    return session;
  }

  private void answer(
      CallContext call, Envelope msg, String by, String byName, String actor, boolean fromKiosk) {
    FormSession session = liveIn(call, msg, fromKiosk).orElse(null);
    if (session == null) return;
    if (session.status() == Status.SIGNING) {
      FormMessages.error(
          call,
          fromKiosk,
          ErrorCode.CONFLICT,
          "This form has been signed; its answers can no longer change.",
          msg.id());
      return;
    }
    FormDefinition form = library.definitionOf(session);
    String field = msg.text("field");
    if (form.page(field).isEmpty()) {
      FormMessages.error(
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
    sessions.saveAnswers(session.withAnswers(answers, answeredBy, clock.now()));
    boolean isFinal = msg.payload().path("final").asBoolean(false);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("sessionId", session.id());
    out.put("field", field);
    out.put("value", value);
    out.put("by", by);
    out.put("byName", byName);
    out.put("final", isFinal);
    out.put("display", form.page(field).get().display(value));
    AnswerCheck.Failure failure =
        isFinal ? library.checks().failureFor(form, answers, field).orElse(null) : null;
    out.put("error", failure == null ? null : failure.message());
    // The kiosk shows the message in the resident's language by its key; the advisor the English.
    out.put("errorKey", failure == null ? null : failure.key());
    out.put("visiblePages", form.visiblePages(answers).stream().map(FormPage::id).toList());
    call.toBoth(MessageType.FORM_UPDATED, out);
    if (isFinal) audit.record(actor, "form.answered", session.caseId(), session.id(), field);
  }

  /** The kiosk's page-by-page progress, for the advisor to follow. */
  private void progress(CallContext call, Envelope msg) {
    sessions
        .find(msg.text("sessionId"))
        .filter(s -> s.isIn(call.callId()) && Status.LIVE.contains(s.status()))
        .ifPresent(s -> call.toAdvisor(MessageType.FORM_PROGRESS, msg.payload()));
  }

  private void sign(CallContext call, Envelope msg) {
    FormSession session = liveIn(call, msg, true).orElse(null);
    // A double tap on "Confirm": the first one is being saved.
    if (session == null || session.status() == Status.SIGNING) return;
    signing.sign(call, session, msg.payload());
  }

  FormDefinition definitionOf(FormSession session) {
    return library.definitionOf(session);
  }

  @Override
  public String name() {
    return "forms";
  }

  @Override
  public SerialThread thread() {
    return thread;
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
