package uk.gov.council.cap.server.summary;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.council.cap.documents.summaries.CallSummaryPdf;
import uk.gov.council.cap.documents.summaries.CallSummarySheet;
import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.artefacts.CaseDocument;
import uk.gov.council.cap.server.artefacts.CaseDocuments;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.callsummary.CallSummaries;
import uk.gov.council.cap.server.callsummary.CallSummary;
import uk.gov.council.cap.server.cases.CaseRepository;
import uk.gov.council.cap.server.incall.CallContext;
import uk.gov.council.cap.server.incall.InCallCapability;
import uk.gov.council.cap.server.mail.EmailAddresses;
import uk.gov.council.cap.server.mail.Mailer;
import uk.gov.council.cap.server.threads.SerialThread;
import uk.gov.council.cap.server.web.SlidingWindow;

/**
 * "Take something away" (ADR 0043). As a connected call ends the kiosk is sent its summary (case
 * reference, what was done, what happens next); afterwards the resident may have it printed on the
 * kiosk's printer or emailed. Both are kept on the case as one PDF and noted on its timeline, and
 * both are limited per call (and email per kiosk), so a kiosk cannot be used to waste paper or send
 * the council's mail without end.
 */
public final class SummaryDesk implements InCallCapability {
  private static final Logger LOG = LoggerFactory.getLogger(SummaryDesk.class);
  static final String GONE = "This summary is no longer available. Please ask at the desk.";

  private record Kept(String callId, CaseDocument document) {}

  private final CallSummaries summaries;
  private final ResidentPrinter prints;
  private final CaseDocuments documents;
  private final CaseRepository cases;
  private final Jdbi jdbi;
  private final AuditLog audit;
  private final Optional<SummaryEmailer> emailer;
  private final String councilName;
  private final Function<String, Optional<String>> phoneOfKiosk;
  private final SerialThread thread;
  private final SlidingWindow printsPerCall;
  private final SlidingWindow emailsPerCall;
  private final SlidingWindow emailsPerKiosk;
  // Each kiosk's summary PDF of its last call, stored once however often it is printed or sent.
  private final Map<String, Kept> kept = new HashMap<>();

  /** The parts it needs from elsewhere, to keep the constructor readable. */
  public record Parts(
      CallSummaries summaries,
      ResidentPrinter prints,
      CaseDocuments documents,
      CaseRepository cases,
      Jdbi jdbi,
      AuditLog audit,
      Clock clock) {}

  /**
   * @param mailer the council's mail relay; empty (no {@code CAP_SMTP_HOST}) means the kiosk does
   *     not offer to email the summary
   * @param phoneOfKiosk the phone number of the kiosk's site, for "how to carry on"
   */
  public SummaryDesk(
      Parts parts,
      Optional<Mailer> mailer,
      String councilName,
      ServerConfig.Limits limits,
      Function<String, Optional<String>> phoneOfKiosk,
      SerialThread thread) {
    this.summaries = parts.summaries();
    this.prints = parts.prints();
    this.documents = parts.documents();
    this.cases = parts.cases();
    this.jdbi = parts.jdbi();
    this.audit = parts.audit();
    this.emailer = mailer.map(m -> new SummaryEmailer(m, councilName));
    this.councilName = councilName;
    this.phoneOfKiosk = phoneOfKiosk;
    this.thread = thread;
    this.printsPerCall =
        new SlidingWindow(limits.summaryCopiesPerCall(), Duration.ofDays(1), parts.clock());
    this.emailsPerCall =
        new SlidingWindow(limits.summaryCopiesPerCall(), Duration.ofDays(1), parts.clock());
    this.emailsPerKiosk =
        new SlidingWindow(limits.summaryEmailsPerKioskHour(), Duration.ofHours(1), parts.clock());
  }

  @Override
  public String name() {
    return "summary";
  }

  @Override
  public SerialThread thread() {
    return thread;
  }

  @Override
  public Set<MessageType> kioskTypes() {
    return Set.of();
  }

  @Override
  public Set<MessageType> afterCallKioskTypes() {
    return Set.of(MessageType.SUMMARY_PRINT, MessageType.SUMMARY_EMAIL);
  }

  @Override
  public void onCallEnded(CallContext call) {
    kept.remove(call.kioskId());
    CallSummary s = summaryOf(call);
    call.toKioskAnyway(
        MessageType.CALL_SUMMARY,
        s.forKiosk(call.callId(), phoneOfKiosk.apply(call.kioskId()).orElse(null), canEmail()));
  }

  @Override
  public void onKioskAfterCall(CallContext call, Envelope msg) {
    String action = msg.type() == MessageType.SUMMARY_PRINT ? "print" : "email";
    if (!call.callId().equals(msg.text("callId"))) {
      // A screen still showing an older call's summary: that call's resident has gone.
      reply(call, msg.text("callId"), action, false, GONE, null);
      return;
    }
    if (msg.type() == MessageType.SUMMARY_PRINT) print(call);
    else email(call, msg.text("email"));
  }

  private void print(CallContext call) {
    String kiosk = "kiosk:" + call.kioskId();
    if (!printsPerCall.tryTake(call.callId())) {
      audit.record(kiosk, "summary.print_refused", call.caseId(), call.callId(), "per-call limit");
      reply(call, "print", false, "This summary has been printed as many times as it can be.");
      return;
    }
    Optional<CaseDocument> pdf = pdfOf(call, summaryOf(call));
    if (pdf.isEmpty()) {
      reply(call, "print", false, "The summary could not be printed. Please ask at the desk.");
      return;
    }
    cases.addToTimeline(
        call.caseId(),
        "summary.print_requested",
        "The resident asked for the call summary to be printed",
        kiosk,
        pdf.get().id());
    String callId = call.callId();
    prints.print(
        call,
        pdf.get(),
        pdf.get().title(),
        (ok, message) ->
            thread.execute(
                () -> reply(call, callId, "print", ok, ok ? null : notPrinted(message), null)));
  }

  private void email(CallContext call, String address) {
    String kiosk = "kiosk:" + call.kioskId();
    if (emailer.isEmpty()) {
      reply(call, "email", false, "This kiosk cannot send email. Please print your summary.");
      return;
    }
    String problem = EmailAddresses.problemWith(address);
    if (problem != null) {
      reply(call, "email", false, problem);
      return;
    }
    // Both limits are checked before either is counted: a refusal by one does not use the other.
    if (!emailsPerCall.hasRoom(call.callId())) {
      audit.record(kiosk, "summary.email_refused", call.caseId(), call.callId(), "per-call limit");
      reply(call, "email", false, "This summary has been emailed as many times as it can be.");
      return;
    }
    if (!emailsPerKiosk.hasRoom(call.kioskId())) {
      audit.record(
          kiosk, "summary.email_refused", call.caseId(), call.callId(), "per-kiosk hourly limit");
      reply(
          call,
          "email",
          false,
          "This kiosk has sent as many emails as it can this hour. Please print your summary.");
      return;
    }
    emailsPerCall.tryTake(call.callId());
    emailsPerKiosk.tryTake(call.kioskId());
    String to = address.strip();
    String masked = EmailAddresses.masked(to);
    CallSummary s = summaryOf(call);
    Optional<CaseDocument> pdf = pdfOf(call, s);
    try {
      if (pdf.isEmpty()) throw new Mailer.MailProblem("No summary PDF", null);
      emailer.get().send(to, s, contact(call), documents.bytesOf(pdf.get()));
    } catch (Mailer.MailProblem | IOException e) {
      LOG.warn("A call summary could not be emailed", e);
      audit.record(kiosk, "summary.email_failed", call.caseId(), call.callId(), "to=" + masked);
      reply(call, "email", false, "The email could not be sent. Please print your summary.");
      return;
    }
    cases.addToTimeline(
        call.caseId(),
        "summary.emailed",
        "Call summary emailed to " + masked,
        kiosk,
        pdf.get().id());
    audit.record(
        kiosk,
        "summary.emailed",
        call.caseId(),
        call.callId(),
        "to=" + masked + " document=" + pdf.get().id());
    reply(call, call.callId(), "email", true, null, masked);
  }

  private CallSummary summaryOf(CallContext call) {
    return summaries.of(call.caseId(), call.callId(), call.parties().caseReference());
  }

  private String contact(CallContext call) {
    return phoneOfKiosk
        .apply(call.kioskId())
        .map(p -> "If you need to ask anything, phone " + p + " or call again from the kiosk.")
        .orElse("If you need to ask anything, call again from the kiosk.");
  }

  /** The summary PDF on the case, made and stored the first time it is asked for. */
  private Optional<CaseDocument> pdfOf(CallContext call, CallSummary s) {
    Kept k = kept.get(call.kioskId());
    if (k != null && k.callId().equals(call.callId())) return Optional.of(k.document());
    CaseDocument stored = null;
    try {
      byte[] pdf =
          CallSummaryPdf.compose(
              new CallSummarySheet(
                  councilName,
                  s.reference(),
                  s.done().stream().map(CallSummary.Item::words).toList(),
                  s.nextStepsOrDefault(),
                  contact(call),
                  s.endedAt()));
      stored =
          documents.store(
              new CaseDocuments.NewDocument(
                  call.caseId(),
                  "summary",
                  "Call summary " + s.reference(),
                  "application/pdf",
                  pdf,
                  "kiosk:" + call.kioskId(),
                  s.endedAt(),
                  call.callId(),
                  null));
      CaseDocument doc = stored;
      jdbi.useTransaction(h -> documents.record(h, doc));
      audit.record(
          "kiosk:" + call.kioskId(), "summary.made", call.caseId(), doc.id(), call.callId());
      kept.put(call.kioskId(), new Kept(call.callId(), doc));
      return Optional.of(doc);
    } catch (IOException | RuntimeException e) {
      LOG.error("The call summary PDF could not be made", e);
      if (stored != null) documents.discard(stored);
      return Optional.empty();
    }
  }

  private static String notPrinted(String printerSays) {
    return printerSays == null || printerSays.isBlank()
        ? "The summary could not be printed. Please ask at the desk."
        : "The summary could not be printed. " + printerSays;
  }

  private boolean canEmail() {
    return emailer.isPresent();
  }

  private void reply(CallContext call, String action, boolean ok, String message) {
    reply(call, call.callId(), action, ok, message, null);
  }

  private static void reply(
      CallContext call, String callId, String action, boolean ok, String message, String sentTo) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("callId", callId == null ? call.callId() : callId);
    m.put("action", action);
    m.put("ok", ok);
    if (message != null) m.put("message", message);
    if (sentTo != null) m.put("sentTo", sentTo);
    call.toKioskAnyway(MessageType.SUMMARY_SENT, m);
  }
}
