package uk.gov.council.cap.server.cases;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.calls.CallRecord;
import uk.gov.council.cap.server.calls.CallRepository;
import uk.gov.council.cap.server.customers.Customer;
import uk.gov.council.cap.server.customers.CustomerRepository;
import uk.gov.council.cap.server.kiosks.Kiosk;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.sites.Site;
import uk.gov.council.cap.server.sites.SiteRepository;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.StaffAuth;
import uk.gov.council.cap.server.staff.StaffMember;
import uk.gov.council.cap.server.staff.StaffRepository;
import uk.gov.council.cap.server.web.ApiError;
import uk.gov.council.cap.server.web.Times;

/**
 * {@code /api/cases}: reading a case with its contact history and timeline, and linking its
 * customer.
 */
public final class CaseRoutes {
  private static final Role[] CASE_WORKERS = {Role.ADVISOR, Role.SUPERVISOR};

  private final Jdbi jdbi;
  private final CaseRepository cases;
  private final CallRepository calls;
  private final CustomerRepository customers;
  private final StaffRepository staff;
  private final KioskRepository kiosks;
  private final SiteRepository sites;
  private final AuditLog audit;
  private final ActorNames names;

  public CaseRoutes(
      Jdbi jdbi,
      CaseRepository cases,
      CallRepository calls,
      CustomerRepository customers,
      StaffRepository staff,
      KioskRepository kiosks,
      SiteRepository sites,
      AuditLog audit) {
    this.jdbi = jdbi;
    this.cases = cases;
    this.calls = calls;
    this.customers = customers;
    this.staff = staff;
    this.kiosks = kiosks;
    this.sites = sites;
    this.audit = audit;
    this.names = new ActorNames(staff, kiosks);
  }

  public record LinkCustomer(String customerId) {}

  public void register(Javalin app) {
    app.get("/api/cases", this::recent, CASE_WORKERS);
    app.get("/api/cases/{id}", this::read, CASE_WORKERS);
    app.put("/api/cases/{id}/customer", this::linkCustomer, CASE_WORKERS);
  }

  private void recent(Context ctx) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (CaseRecord c : cases.recent(50)) {
      Map<String, Object> m = summary(c);
      m.put(
          "customerName",
          c.customerId() == null
              ? null
              : customers
                  .find(c.customerId())
                  .map(cu -> cu.firstName() + " " + cu.lastName())
                  .orElse(null));
      out.add(m);
    }
    ctx.json(Map.of("cases", out));
  }

  private void read(Context ctx) {
    CaseRecord c =
        cases
            .find(ctx.pathParam("id"))
            .orElseThrow(() -> ApiError.notFound("There is no case with that id."));
    StaffMember reader = StaffAuth.staff(ctx);
    audit.record(reader.auditName(), "case.viewed", c.id(), null, null);
    Map<String, Object> body = summary(c);
    body.put("mergedInto", c.mergedInto());
    body.put(
        "customer", c.customerId() == null ? null : customers.find(c.customerId()).orElse(null));
    List<Map<String, Object>> contacts = new ArrayList<>();
    for (CallRecord call : calls.ofCase(c.id())) {
      contacts.add(contact(call));
    }
    body.put("contacts", contacts);
    List<Map<String, Object>> timeline = new ArrayList<>();
    ActorNames.Lookup actors = names.forOnePage();
    for (TimelineEntry t : cases.timeline(c.id())) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("at", Times.iso(t.at()));
      m.put("kind", t.kind());
      m.put("summary", t.summary());
      m.put("actor", t.actor());
      m.put("by", actors.nameOf(t.actor()));
      m.put("refId", t.refId());
      timeline.add(m);
    }
    body.put("timeline", timeline);
    body.put("names", actors.named());
    ctx.json(body);
  }

  private Map<String, Object> contact(CallRecord call) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("callId", call.id());
    m.put("channel", "KIOSK_VIDEO");
    m.put("state", call.state().name());
    m.put("queuedAt", Times.iso(call.queuedAt()));
    m.put("answeredAt", Times.iso(call.answeredAt()));
    m.put("endedAt", Times.iso(call.endedAt()));
    m.put(
        "waitSeconds",
        secondsBetween(
            call.queuedAt(), call.answeredAt() != null ? call.answeredAt() : call.endedAt()));
    m.put(
        "durationSeconds",
        call.answeredAt() == null ? null : secondsBetween(call.answeredAt(), call.endedAt()));
    m.put(
        "advisor",
        call.advisorId() == null
            ? null
            : staff.findById(call.advisorId()).map(StaffMember::displayName).orElse(null));
    Kiosk kiosk = kiosks.find(call.kioskId()).orElse(null);
    m.put("kiosk", kiosk == null ? null : kiosk.name());
    m.put("site", kiosk == null ? null : sites.find(kiosk.siteId()).map(Site::name).orElse(null));
    m.put("theme", call.theme());
    m.put("language", call.language());
    m.put("endReason", call.endReason());
    m.put("outcome", call.outcome() == null ? null : call.outcome().name());
    m.put("outcomeLabel", call.outcome() == null ? null : call.outcome().label());
    m.put("notes", call.notes());
    return m;
  }

  private void linkCustomer(Context ctx) {
    CaseRecord c =
        cases
            .find(ctx.pathParam("id"))
            .orElseThrow(() -> ApiError.notFound("There is no case with that id."));
    if (c.status() != CaseStatus.OPEN) {
      throw new ApiError(
          409, "This case was merged into another case.", Map.of("caseId", c.mergedInto()));
    }
    LinkCustomer body = ctx.bodyAsClass(LinkCustomer.class);
    Customer customer =
        customers
            .find(body.customerId() == null ? "" : body.customerId())
            .orElseThrow(() -> ApiError.badRequest("Choose a customer to link."));
    StaffMember who = StaffAuth.staff(ctx);
    String name = customer.firstName() + " " + customer.lastName();
    String resultCaseId =
        jdbi.inTransaction(
            h -> {
              var existing =
                  cases.openCaseOf(h, customer.id()).filter(other -> !other.id().equals(c.id()));
              if (existing.isPresent()) {
                String target = existing.get().id();
                calls.moveToCase(h, c.id(), target);
                cases.setCustomer(h, c.id(), customer.id());
                cases.markMerged(h, c.id(), target);
                cases.addToTimeline(
                    h,
                    target,
                    "case.merged",
                    "Contact " + c.reference() + " attached to this case for " + name,
                    who.auditName(),
                    c.id());
                return target;
              }
              cases.setCustomer(h, c.id(), customer.id());
              cases.addToTimeline(
                  h,
                  c.id(),
                  "customer.linked",
                  "Customer linked: " + name,
                  who.auditName(),
                  customer.id());
              return c.id();
            });
    audit.record(
        who.auditName(),
        "case.customer_linked",
        resultCaseId,
        "customer:" + customer.id(),
        resultCaseId.equals(c.id()) ? null : "merged from case " + c.id());
    ctx.json(Map.of("caseId", resultCaseId));
  }

  /** Whole seconds from start to end, or null while the end is not known yet. */
  private static Long secondsBetween(java.time.Instant start, java.time.Instant end) {
    return end == null ? null : Duration.between(start, end).toSeconds();
  }

  private static Map<String, Object> summary(CaseRecord c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("reference", c.reference());
    m.put("status", c.status().name());
    m.put("openedAt", Times.iso(c.openedAt()));
    m.put("lastActivityAt", Times.iso(c.lastActivityAt()));
    return m;
  }
}
