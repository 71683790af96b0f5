package uk.gov.council.cap.server.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.calls.CallRecord;
import uk.gov.council.cap.server.calls.CallRepository;
import uk.gov.council.cap.server.calls.CallState;
import uk.gov.council.cap.server.calls.EndReason;
import uk.gov.council.cap.server.cases.CaseRecord;
import uk.gov.council.cap.server.cases.CaseRepository;
import uk.gov.council.cap.server.db.Ids;
import uk.gov.council.cap.server.kiosks.Kiosk;
import uk.gov.council.cap.server.sites.Site;
import uk.gov.council.cap.server.staff.StaffMember;

/**
 * Writes each step of a call to the database, the case timeline and the audit log, in one
 * transaction per step, so the case always tells the truth about the call.
 */
final class CallLedger {
  private final Jdbi jdbi;
  private final Ids ids;
  private final CaseRepository cases;
  private final CallRepository calls;
  private final AuditLog audit;

  CallLedger(Jdbi jdbi, Ids ids, CaseRepository cases, CallRepository calls, AuditLog audit) {
    this.jdbi = jdbi;
    this.ids = ids;
    this.cases = cases;
    this.calls = calls;
    this.audit = audit;
  }

  /** Opens a case and a queued call on it. */
  QueueEntry open(Kiosk kiosk, Site site, String theme, String language, Instant at) {
    String callId = ids.newId();
    CaseRecord c =
        jdbi.inTransaction(
            h -> {
              CaseRecord opened = cases.open(h);
              calls.insertQueued(h, callId, opened.id(), kiosk.id(), theme, language, at);
              cases.addToTimeline(
                  h,
                  opened.id(),
                  "call.queued",
                  "Resident asked to talk to an advisor at "
                      + kiosk.name()
                      + " ("
                      + site.name()
                      + "), enquiry: "
                      + theme
                      + LanguageWords.onTimeline(language),
                  kiosk.auditName(),
                  callId);
              return opened;
            });
    audit.record(
        kiosk.auditName(),
        "call.queued",
        c.id(),
        "call:" + callId,
        "theme=" + theme + (language == null ? "" : "; language=" + language));
    return new QueueEntry(
        callId,
        c.id(),
        c.reference(),
        kiosk.id(),
        kiosk.name(),
        site.id(),
        site.name(),
        theme,
        at,
        language);
  }

  void resumed(QueueEntry entry) {
    audit.record(
        "kiosk:" + entry.kioskId,
        "call.resumed",
        entry.caseId,
        "call:" + entry.callId,
        "kiosk reconnected; place kept");
  }

  /** One side of a connected call dropped; the call waits for it to come back. */
  void paused(QueueEntry entry, CallPause pause) {
    jdbi.useTransaction(
        h ->
            cases.addToTimeline(
                h,
                currentCaseOf(h, entry.callId),
                "call.paused",
                pause.reason().description() + "; waiting for it to come back",
                "system",
                entry.callId));
    audit.record(
        "system",
        "call.paused",
        entry.caseId,
        "call:" + entry.callId,
        "party=" + pause.party().wire() + "; reason=" + pause.reason().wire());
  }

  /** The side that dropped came back; media starts again on the same call and case. */
  void callResumed(QueueEntry entry, CallPause pause, Instant at) {
    jdbi.useTransaction(
        h ->
            cases.addToTimeline(
                h,
                currentCaseOf(h, entry.callId),
                "call.resumed",
                "The call carried on after "
                    + minutesSeconds(Duration.between(pause.since(), at))
                    + " reconnecting",
                "system",
                entry.callId));
    audit.record(
        "system",
        "call.resumed",
        entry.caseId,
        "call:" + entry.callId,
        "party=" + pause.party().wire());
  }

  /**
   * A step of a parked call (ADR 0047: parked, called back, taken back), on the case's timeline and
   * in the audit, with who took it.
   */
  void parkStep(QueueEntry entry, String event, String summary, String actor) {
    String caseId =
        jdbi.inTransaction(
            h -> {
              String current = currentCaseOf(h, entry.callId);
              cases.addToTimeline(h, current, event, summary, actor, entry.callId);
              return current;
            });
    audit.record(actor, event, caseId, "call:" + entry.callId, null);
  }

  /** A line typed in the call, kept on the case with who wrote it. */
  void text(QueueEntry entry, CallParty party, String author, String text) {
    jdbi.useTransaction(
        h ->
            cases.addToTimeline(
                h,
                currentCaseOf(h, entry.callId),
                "call.text",
                (party == CallParty.KIOSK ? "Resident" : "Advisor") + " typed: " + text,
                author,
                entry.callId));
    audit.record(
        author, "call.text", entry.caseId, "call:" + entry.callId, "party=" + party.wire());
  }

  /** The resident used the kiosk's own help in the call (Listen), kept on the case. */
  void assist(QueueEntry entry, String kioskName, String what) {
    jdbi.useTransaction(
        h ->
            cases.addToTimeline(
                h, currentCaseOf(h, entry.callId), "call.assist", what, kioskName, entry.callId));
    audit.record(kioskName, "call.assist", entry.caseId, "call:" + entry.callId, "speech=true");
  }

  /** Connected calls with both sides there are alive now. */
  void alive(java.util.Collection<String> callIds, Instant at) {
    jdbi.useHandle(h -> calls.markAlive(h, callIds, at));
  }

  /** When a call cut by a crash was last known alive: its true end. */
  Instant lastAlive(CallRecord c) {
    Instant answered = c.answeredAt();
    return calls
        .aliveAt(c.id())
        .filter(a -> answered == null || a.isAfter(answered))
        .orElse(answered);
  }

  void connected(QueueEntry entry, StaffMember advisor, Instant at) {
    String caseId =
        jdbi.inTransaction(
            h -> {
              String current = currentCaseOf(h, entry.callId);
              calls.markConnected(h, entry.callId, advisor.id(), at);
              cases.addToTimeline(
                  h,
                  current,
                  "call.answered",
                  advisor.displayName()
                      + " answered after "
                      + minutesSeconds(Duration.between(entry.queuedAt, at)),
                  advisor.auditName(),
                  entry.callId);
              return current;
            });
    audit.record(advisor.auditName(), "call.accepted", caseId, "call:" + entry.callId, null);
  }

  void declined(QueueEntry entry, StaffMember advisor, String why) {
    audit.record(advisor.auditName(), "call.declined", entry.caseId, "call:" + entry.callId, why);
  }

  void ended(QueueEntry entry, EndReason reason, Instant answeredAt, Instant at, String actor) {
    String summary =
        reason.description()
            + ". "
            + (answeredAt == null
                ? "Waited "
                    + minutesSeconds(Duration.between(entry.queuedAt, at))
                    + ", not answered."
                : "Talked for " + minutesSeconds(Duration.between(answeredAt, at)) + ".");
    String caseId =
        jdbi.inTransaction(
            h -> {
              String current = currentCaseOf(h, entry.callId);
              calls.markEnded(h, entry.callId, reason, at);
              cases.addToTimeline(h, current, "call.ended", summary, actor, entry.callId);
              return current;
            });
    audit.record(actor, "call.ended", caseId, "call:" + entry.callId, "reason=" + reason.wire());
  }

  /**
   * The advisor's after-call work on the call is over: {@code next} is the status they went on to
   * (or "gone"); {@code handled} runs from the answer to now, wrap-up included.
   */
  void wrapUpEnded(String callId, StaffMember advisor, String next, Duration handled) {
    String caseId = jdbi.withHandle(h -> currentCaseOf(h, callId));
    audit.record(
        advisor.auditName(),
        "call.wrap_up_ended",
        caseId,
        "call:" + callId,
        "next=" + next + ", handledSeconds=" + Math.max(0, handled.toSeconds()));
  }

  /**
   * The call's case now: an advisor may have attached it to the customer's existing case mid-call.
   */
  private static String currentCaseOf(Handle h, String callId) {
    return h.createQuery("select case_id from calls where id = :id")
        .bind("id", callId)
        .mapTo(String.class)
        .one();
  }

  List<CallRecord> inState(CallState state) {
    return calls.inState(state);
  }

  static String minutesSeconds(Duration d) {
    long s = Math.max(0, d.toSeconds());
    return s / 60 + ":" + String.format("%02d", s % 60);
  }
}
