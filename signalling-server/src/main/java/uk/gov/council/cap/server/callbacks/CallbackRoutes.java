package uk.gov.council.cap.server.callbacks;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.cases.CaseRepository;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.StaffAuth;
import uk.gov.council.cap.server.staff.StaffMember;
import uk.gov.council.cap.server.web.ApiError;

/**
 * The console's Callbacks page: the lists (due, overdue, assigned to me, later), opening one (which
 * shows the phone number, and is audited), taking one, and recording what happened. Advisors see
 * the call backs of the sites they serve; supervisors see every site's.
 */
final class CallbackRoutes {
  static final int MAX_NOTES = 4000;
  private static final Role[] STAFF = {Role.ADVISOR, Role.SUPERVISOR};

  private final Jdbi jdbi;
  private final CallbackRepository callbacks;
  private final CaseRepository cases;
  private final AuditLog audit;
  private final Clock clock;

  CallbackRoutes(
      Jdbi jdbi, CallbackRepository callbacks, CaseRepository cases, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.callbacks = callbacks;
    this.cases = cases;
    this.audit = audit;
    this.clock = clock;
  }

  record ResultInput(String result, String notes) {}

  void register(Javalin app) {
    app.get("/api/callbacks", this::list, STAFF);
    app.get("/api/callbacks/{id}", this::open, STAFF);
    app.post("/api/callbacks/{id}/take", this::take, STAFF);
    app.post("/api/callbacks/{id}/result", this::result, STAFF);
  }

  private void list(Context ctx) {
    StaffMember who = StaffAuth.staff(ctx);
    String asked = ctx.queryParam("view");
    CallbackRepository.View view;
    try {
      view =
          CallbackRepository.View.valueOf(asked == null ? "DUE" : asked.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("Choose due, overdue, mine or later.");
    }
    Instant now = clock.now();
    Map<String, Object> counts = new LinkedHashMap<>();
    for (CallbackRepository.View v : CallbackRepository.View.values()) {
      counts.put(
          v.name().toLowerCase(Locale.ROOT),
          callbacks.list(v, now, who.id()).stream().filter(c -> maySee(who, c)).count());
    }
    ctx.json(
        Map.of(
            "view",
            view.name().toLowerCase(Locale.ROOT),
            "serverTime",
            now.toString(),
            "counts",
            counts,
            "callbacks",
            callbacks.list(view, now, who.id()).stream()
                .filter(c -> maySee(who, c))
                .map(c -> summary(c, now))
                .toList()));
  }

  private void open(Context ctx) {
    StaffMember who = StaffAuth.staff(ctx);
    Callback c = visible(ctx, who);
    viewed(who, c);
    ctx.json(detail(c));
  }

  private void take(Context ctx) {
    StaffMember who = StaffAuth.staff(ctx);
    Callback c = visible(ctx, who);
    if (c.assignedTo() != null
        && !c.assignedTo().equals(who.id())
        && who.role() != Role.SUPERVISOR) {
      throw new ApiError(409, c.assignedName() + " has already taken this call back.");
    }
    Instant now = clock.now();
    boolean taken =
        jdbi.inTransaction(
            h -> {
              if (!callbacks.assign(h, c.id(), who.id(), who.displayName(), now)) {
                return false;
              }
              cases.addToTimeline(
                  h,
                  c.caseId(),
                  "callback.taken",
                  who.displayName() + " took call back " + c.reference(),
                  who.auditName(),
                  c.id());
              return true;
            });
    if (!taken) {
      throw new ApiError(409, "This call back has already been done.");
    }
    audit.record(who.auditName(), "callback.taken", c.caseId(), "callback:" + c.id(), null);
    Callback now2 = callbacks.find(c.id()).orElseThrow();
    viewed(who, now2);
    ctx.json(detail(now2));
  }

  private void result(Context ctx) {
    StaffMember who = StaffAuth.staff(ctx);
    Callback c = visible(ctx, who);
    if (!who.id().equals(c.assignedTo()) && who.role() != Role.SUPERVISOR) {
      throw new ApiError(409, "Take this call back before you record what happened.");
    }
    ResultInput in = ctx.bodyAsClass(ResultInput.class);
    CallbackStatus status;
    try {
      status = CallbackStatus.valueOf(in.result() == null ? "" : in.result());
    } catch (IllegalArgumentException e) {
      status = CallbackStatus.REQUESTED;
    }
    if (status == CallbackStatus.REQUESTED) {
      throw new ApiError(
          400,
          "Select what happened",
          Map.of("result", "Select called and resolved, no answer, or could not help"));
    }
    String notes = in.notes() == null ? "" : in.notes().strip();
    if (notes.length() > MAX_NOTES) {
      throw new ApiError(
          400,
          "Notes must be " + MAX_NOTES + " characters or fewer",
          Map.of("notes", "Notes must be " + MAX_NOTES + " characters or fewer"));
    }
    CallbackStatus result = status;
    Instant now = clock.now();
    boolean recorded =
        jdbi.inTransaction(
            h -> {
              if (!callbacks.recordResult(h, c.id(), result, notes, now)) {
                return false;
              }
              cases.addToTimeline(
                  h,
                  c.caseId(),
                  "callback.result",
                  "Call back "
                      + c.reference()
                      + ": "
                      + result.label()
                      + (notes.isEmpty() ? "" : ". Notes: " + notes),
                  who.auditName(),
                  c.id());
              return true;
            });
    if (!recorded) {
      throw new ApiError(409, "This call back has already been done.");
    }
    audit.record(
        who.auditName(),
        "callback.result_recorded",
        c.caseId(),
        "callback:" + c.id(),
        "result=" + result.name());
    ctx.json(detail(callbacks.find(c.id()).orElseThrow()));
  }

  private Callback visible(Context ctx, StaffMember who) {
    return callbacks
        .find(ctx.pathParam("id"))
        .filter(c -> maySee(who, c))
        .orElseThrow(() -> ApiError.notFound("There is no call back with that id."));
  }

  private static boolean maySee(StaffMember who, Callback c) {
    return who.role() == Role.SUPERVISOR || who.servesSite(c.siteId());
  }

  /** The phone number was shown to this member of staff: personal data, so audited each time. */
  private void viewed(StaffMember who, Callback c) {
    audit.record(who.auditName(), "callback.viewed", c.caseId(), "callback:" + c.id(), null);
  }

  private static Map<String, Object> summary(Callback c, Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("reference", c.reference());
    m.put("caseId", c.caseId());
    m.put("caseReference", c.caseReference());
    m.put("name", c.name());
    m.put("slotStart", c.slotStart().toString());
    m.put("slotEnd", c.slotEnd().toString());
    m.put("slotText", c.slotText());
    m.put("timing", c.timing(now));
    m.put("theme", c.theme());
    m.put("language", c.language());
    m.put("kioskName", c.kioskName());
    m.put("siteName", c.siteName());
    m.put("status", c.status().name());
    m.put("statusText", c.status().label());
    m.put("assignedTo", c.assignedTo());
    m.put("assignedName", c.assignedName());
    m.put("attempts", c.attempts());
    m.put("requestedAt", c.requestedAt().toString());
    return m;
  }

  private Map<String, Object> detail(Callback c) {
    Map<String, Object> m = summary(c, clock.now());
    m.put("phone", UkPhoneNumbers.display(c.phone()));
    m.put("phoneE164", c.phone());
    m.put("resultNotes", c.resultNotes());
    return m;
  }
}
