package uk.gov.council.cap.server.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.artefacts.CaseDocument;
import uk.gov.council.cap.server.artefacts.CaseDocuments;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.cases.CaseRecord;
import uk.gov.council.cap.server.cases.CaseRepository;
import uk.gov.council.cap.server.forms.FormSession.Status;
import uk.gov.council.cap.server.forms.FormSessionRepository.Signature;
import uk.gov.council.cap.server.incall.CallContext;
import uk.gov.council.cap.server.threads.SerialThread;

/**
 * From the resident's signature to the sealed record on the case. The form is SIGNING (saved, with
 * its signature) while the PDF is composed, sealed and stored on the sealing pool, so a server that
 * stops meanwhile seals it again on the next start. Everything but the blocking work runs on the
 * forms thread.
 */
final class FormSigning {
  private static final Logger LOG = LoggerFactory.getLogger(FormSigning.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String NOT_SAVED =
      "Sorry, the form could not be saved. Nothing was stored. Please try signing again.";

  private final FormLibrary library;
  private final FormSessionRepository sessions;
  private final FormSealer sealer;
  private final CaseDocuments documents;
  private final CaseRepository cases;
  private final AuditLog audit;
  private final FormMessages messages;
  private final Jdbi jdbi;
  private final Clock clock;
  private final SerialThread thread;
  private final Executor sealingPool;

  FormSigning(
      FormLibrary library,
      FormSessionRepository sessions,
      FormSealer sealer,
      CaseDocuments documents,
      CaseRepository cases,
      AuditLog audit,
      FormMessages messages,
      Jdbi jdbi,
      Clock clock,
      SerialThread thread,
      Executor sealingPool) {
    this.library = library;
    this.sessions = sessions;
    this.sealer = sealer;
    this.documents = documents;
    this.cases = cases;
    this.audit = audit;
    this.messages = messages;
    this.jdbi = jdbi;
    this.clock = clock;
    this.thread = thread;
    this.sealingPool = sealingPool;
  }

  /** The sealed record and its signature evidence, stored as files but not yet on the case. */
  private record Sealed(CaseDocument record, CaseDocument evidence) {}

  /** The kiosk's "Confirm" on an open form of this call. */
  void sign(CallContext call, FormSession session, JsonNode signPayload) {
    FormDefinition form = library.definitionOf(session);
    Map<String, AnswerCheck.Failure> errors = library.checks().failures(form, session.answers());
    if (!errors.isEmpty()) {
      List<Map<String, String>> list = new ArrayList<>();
      errors.forEach(
          (field, failure) ->
              list.add(
                  Map.of(
                      "field",
                      field,
                      "page",
                      form.page(field).get().id(),
                      "message",
                      failure.message(),
                      "check",
                      failure.key())));
      messages.rejected(
          call.callId(), session.id(), "Some answers need changing before you sign.", list);
      return;
    }
    SignatureStrokes strokes;
    try {
      strokes = SignatureStrokes.from(signPayload);
    } catch (IllegalArgumentException e) {
      messages.rejected(call.callId(), session.id(), e.getMessage(), List.of());
      return;
    }
    Signature signature =
        new Signature(signPayload.toString(), clock.now(), "kiosk:" + call.kioskId());
    boolean signing =
        jdbi.inTransaction(
            h -> {
              if (!sessions.transition(h, session.id(), Status.OPEN, Status.SIGNING, clock.now()))
                return false;
              sessions.recordSignature(h, session.id(), signature);
              return true;
            });
    if (!signing) return; // moved on meanwhile (paused by the advisor): nothing to seal
    messages.signing(call.callId(), session.id(), strokes);
    seal(session, form, strokes, signPayload, signature);
  }

  /**
   * A screen of the call came back while the form is being sealed: a reloaded screen has forgotten
   * the form, so it is sent the form and then its "saving" step again.
   */
  void showAgain(FormSession session) {
    sessions
        .signatureOf(session.id())
        .ifPresent(
            s -> {
              messages.opened(session, library.definitionOf(session));
              messages.signing(session.callId(), session.id(), strokesOf(parse(s.payload())));
            });
  }

  /** On start: the forms that were being signed when the server stopped are sealed now. */
  void sealUnfinished() {
    for (FormSession session : sessions.inStatus(Status.SIGNING)) {
      Optional<Signature> signature = sessions.signatureOf(session.id());
      if (signature.isEmpty()) {
        failed(session);
        continue;
      }
      JsonNode payload = parse(signature.get().payload());
      LOG.info("Sealing form {} again: the server stopped while it was being sealed", session.id());
      seal(session, library.definitionOf(session), strokesOf(payload), payload, signature.get());
    }
  }

  private void seal(
      FormSession session,
      FormDefinition form,
      SignatureStrokes strokes,
      JsonNode signPayload,
      Signature signature) {
    Instant signedAt = signature.signedAt();
    Map<String, String> answers = form.effectiveAnswers(session.answers());
    String signer = answers.getOrDefault("fullName", "The resident");
    String caseReference =
        cases.find(session.caseId()).map(CaseRecord::reference).orElse(session.caseId());
    thread.afterBlocking(
        sealingPool,
        () -> {
          byte[] pdf =
              sealer.sealedRecord(
                  form, caseReference, answers, signer, strokes, signedAt, languageOf(signPayload));
          byte[] evidence = evidenceJson(session, form, signPayload, signedAt);
          return store(session, form, pdf, evidence, signature);
        },
        stored -> completed(session, form, stored, signature),
        e -> {
          LOG.error("Could not seal form {} of case {}", session.id(), caseReference, e);
          failed(session);
        });
  }

  private Sealed store(
      FormSession session, FormDefinition form, byte[] pdf, byte[] evidence, Signature signature)
      throws IOException {
    CaseDocument record =
        documents.store(
            new CaseDocuments.NewDocument(
                session.caseId(),
                "form",
                form.title(),
                "application/pdf",
                pdf,
                signature.signedBy(),
                signature.signedAt(),
                session.id(),
                null));
    try {
      return new Sealed(
          record,
          documents.store(
              new CaseDocuments.NewDocument(
                  session.caseId(),
                  "signature-evidence",
                  "Signature strokes for " + form.title(),
                  "application/json",
                  evidence,
                  signature.signedBy(),
                  signature.signedAt(),
                  session.id(),
                  record.id())));
    } catch (IOException | RuntimeException e) {
      documents.discard(record);
      throw e;
    }
  }

  private void completed(
      FormSession session, FormDefinition form, Sealed stored, Signature signature) {
    String actor = signature.signedBy();
    CaseDocument record = stored.record();
    try {
      jdbi.useTransaction(
          h -> {
            documents.record(h, record);
            documents.record(h, stored.evidence());
            if (!sessions.transition(
                h, session.id(), Status.SIGNING, Status.COMPLETED, signature.signedAt()))
              throw new IllegalStateException("Form " + session.id() + " is no longer signing");
            sessions.attachDocument(h, session.id(), record.id());
            cases.addToTimeline(
                h,
                session.caseId(),
                "form.completed",
                form.title() + " signed and sealed (" + record.sizeBytes() / 1024 + " KB PDF)",
                actor,
                record.id());
          });
    } catch (RuntimeException e) {
      LOG.error("Could not store the sealed form {} of case {}", session.id(), session.caseId(), e);
      documents.discard(record);
      documents.discard(stored.evidence());
      failed(session);
      return;
    }
    audit.record(
        actor,
        "form.signed",
        session.caseId(),
        session.id(),
        form.key() + " document=" + record.id() + " sha256=" + record.sha256());
    messages.completed(session, form, record.id());
  }

  /**
   * Nothing was stored: the form is open again for the resident to sign again, or, if the call has
   * ended meanwhile, a draft on the case.
   */
  private void failed(FormSession session) {
    Instant now = clock.now();
    if (!sessions.transition(session.id(), Status.SIGNING, Status.OPEN, now)) return;
    if (messages.call(session.callId()).isEmpty()) {
      sessions.transition(session.id(), Status.OPEN, Status.PAUSED, now);
      return;
    }
    messages.rejected(session.callId(), session.id(), NOT_SAVED, List.of());
  }

  private static byte[] evidenceJson(
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

  /**
   * The language the resident read the form in, as the kiosk said when they signed (kept with the
   * signature, so a form sealed again after a restart keeps it); English if the kiosk did not say.
   */
  static String languageOf(JsonNode signPayload) {
    String language = signPayload.path("language").asText("en");
    return FormTranslation.LANGUAGE.matcher(language).matches() ? language : "en";
  }

  private static SignatureStrokes strokesOf(JsonNode payload) {
    return SignatureStrokes.from(payload);
  }

  private static JsonNode parse(String payload) {
    try {
      return JSON.readTree(payload);
    } catch (IOException e) {
      throw new IllegalStateException("A stored signature is not JSON", e);
    }
  }
}
