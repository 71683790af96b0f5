package uk.gov.council.cap.server.calls;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.StaffAuth;
import uk.gov.council.cap.server.staff.StaffMember;
import uk.gov.council.cap.server.web.ApiError;

/** {@code POST /api/calls/{id}/outcome}: the advisor's wrap-up of a contact. */
public final class OutcomeRoutes {
  private static final int MAX_NOTES = 4000;
  private final Jdbi jdbi;
  private final CallRepository calls;
  private final CaseTimeline cases;
  private final AuditLog audit;
  private final Clock clock;
  private final OutcomeListener listener;

  public OutcomeRoutes(
      Jdbi jdbi, CallRepository calls, CaseTimeline cases, AuditLog audit, Clock clock) {
    this(jdbi, calls, cases, audit, clock, (advisorId, callId, ready) -> {});
  }

  /**
   * @param listener told when the advisor who took a call saves its outcome (the call desk ends
   *     their wrap-up; calls must not know routing, so the composition root wires it)
   */
  public OutcomeRoutes(
      Jdbi jdbi,
      CallRepository calls,
      CaseTimeline cases,
      AuditLog audit,
      Clock clock,
      OutcomeListener listener) {
    this.jdbi = jdbi;
    this.calls = calls;
    this.cases = cases;
    this.audit = audit;
    this.clock = clock;
    this.listener = listener;
  }

  /**
   * @param next after saving, {@code "ready"} (the default: Available after the wrap-up time) or
   *     {@code "not_ready"} (Away)
   */
  public record OutcomeInput(String outcome, String notes, String next) {}

  /** Hears that the advisor who took a call saved its outcome, and whether they are ready. */
  @FunctionalInterface
  public interface OutcomeListener {
    void outcomeSaved(String advisorId, String callId, boolean ready);
  }

  public void register(Javalin app) {
    app.post("/api/calls/{id}/outcome", this::record, Role.ADVISOR, Role.SUPERVISOR);
  }

  private void record(Context ctx) {
    CallRecord call =
        calls
            .find(ctx.pathParam("id"))
            .orElseThrow(() -> ApiError.notFound("There is no call with that id."));
    StaffMember who = StaffAuth.staff(ctx);
    if (who.role() != Role.SUPERVISOR && !who.id().equals(call.advisorId())) {
      throw new ApiError(
          403, "Only the advisor who took this call, or a supervisor, can record its outcome.");
    }
    if (call.state() == CallState.QUEUED) {
      throw new ApiError(409, "This call has not been answered yet.");
    }
    OutcomeInput in = ctx.bodyAsClass(OutcomeInput.class);
    Outcome outcome;
    try {
      outcome = Outcome.valueOf(in.outcome() == null ? "" : in.outcome());
    } catch (IllegalArgumentException e) {
      throw new ApiError(
          400,
          "Select the outcome of the call",
          Map.of("outcome", "Select resolved at first contact, referred, or callback needed"));
    }
    String notes = in.notes() == null ? "" : in.notes().strip();
    if (notes.length() > MAX_NOTES) {
      throw new ApiError(
          400,
          "Notes must be " + MAX_NOTES + " characters or fewer",
          Map.of("notes", "Notes must be " + MAX_NOTES + " characters or fewer"));
    }
    String next = in.next() == null ? "ready" : in.next();
    if (!next.equals("ready") && !next.equals("not_ready")) {
      throw new ApiError(
          400,
          "Choose whether you are ready for the next call",
          Map.of("next", "Choose ready or not ready"));
    }
    jdbi.useTransaction(
        h -> {
          calls.recordOutcome(h, call.id(), outcome, notes, clock.now());
          cases.addToTimeline(
              h,
              call.caseId(),
              "outcome.recorded",
              "Outcome: " + outcome.label() + (notes.isEmpty() ? "" : ". Notes: " + notes),
              who.auditName(),
              call.id());
        });
    // A supervisor recording someone's outcome does not change that advisor's status. Told once
    // the outcome is committed, before the audit write, so the next offer does not wait for it.
    if (who.id().equals(call.advisorId())) {
      listener.outcomeSaved(who.id(), call.id(), next.equals("ready"));
    }
    audit.record(
        who.auditName(),
        "call.outcome_recorded",
        call.caseId(),
        "call:" + call.id(),
        "outcome=" + outcome.name());
    ctx.json(
        Map.of(
            "callId",
            call.id(),
            "caseId",
            call.caseId(),
            "outcome",
            outcome.name(),
            "notes",
            notes));
  }
}
