package uk.gov.council.cap.server.customers;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.StaffAuth;
import uk.gov.council.cap.server.staff.StaffMember;
import uk.gov.council.cap.server.web.ApiError;
import uk.gov.council.cap.server.web.Times;

/** {@code /api/customers}: find, create (with duplicate warnings) and read customers. */
public final class CustomerRoutes {
  private static final Role[] CASE_WORKERS = {Role.ADVISOR, Role.SUPERVISOR};
  private final CustomerRepository customers;
  private final CustomerCases cases;
  private final DuplicateFinder duplicates = new DuplicateFinder();
  private final AuditLog audit;
  private final Clock clock;

  public CustomerRoutes(
      CustomerRepository customers, CustomerCases cases, AuditLog audit, Clock clock) {
    this.customers = customers;
    this.cases = cases;
    this.audit = audit;
    this.clock = clock;
  }

  public void register(Javalin app) {
    app.get("/api/customers", this::search, CASE_WORKERS);
    app.post("/api/customers", this::create, CASE_WORKERS);
    app.get("/api/customers/{id}", this::read, CASE_WORKERS);
  }

  private void search(Context ctx) {
    String q = ctx.queryParam("q");
    if (q == null || q.strip().length() < 2) {
      throw ApiError.badRequest("Enter at least 2 characters to search.");
    }
    if (q.length() > 200) {
      throw ApiError.badRequest("Search text is too long.");
    }
    List<DuplicateFinder.Match> matches =
        duplicates.rankForSearch(q, customers.candidates(DuplicateFinder.words(q)));
    StaffMember who = StaffAuth.staff(ctx);
    audit.record(who.auditName(), "customer.searched", null, null, "results=" + matches.size());
    ctx.json(Map.of("results", matches.stream().limit(20).map(CustomerRoutes::match).toList()));
  }

  private void create(Context ctx) {
    CustomerInput in =
        ctx.bodyAsClass(CustomerInput.class)
            .validated(LocalDate.ofInstant(clock.now(), ZoneId.of("Europe/London")));
    List<String> words = new ArrayList<>();
    for (String w :
        new String[] {in.lastName(), in.postcode(), in.email(), in.phone(), in.dateOfBirth()}) {
      if (w != null) {
        words.add(w.replace(" ", ""));
      }
    }
    List<DuplicateFinder.Match> likely =
        duplicates.likelyDuplicatesOf(in, customers.candidates(words));
    if (!likely.isEmpty() && !Boolean.TRUE.equals(in.confirmNotDuplicate())) {
      ctx.status(409)
          .json(
              Map.of(
                  "error",
                  "This person may already be known. Check the matches before creating a new customer.",
                  "possibleDuplicates",
                  likely.stream().limit(10).map(CustomerRoutes::match).toList()));
      return;
    }
    StaffMember who = StaffAuth.staff(ctx);
    Customer created = customers.create(in, who.id());
    audit.record(
        who.auditName(),
        "customer.created",
        null,
        "customer:" + created.id(),
        likely.isEmpty() ? null : "created despite " + likely.size() + " likely duplicate(s)");
    ctx.status(201).json(Map.of("customer", created));
  }

  private void read(Context ctx) {
    Customer c =
        customers
            .find(ctx.pathParam("id"))
            .orElseThrow(() -> ApiError.notFound("There is no customer with that id."));
    StaffMember who = StaffAuth.staff(ctx);
    audit.record(who.auditName(), "customer.viewed", null, "customer:" + c.id(), null);
    List<Map<String, Object>> caseList = new ArrayList<>();
    for (CustomerCases.CaseLine cr : cases.casesOfCustomer(c.id())) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", cr.id());
      m.put("reference", cr.reference());
      m.put("openedAt", Times.iso(cr.openedAt()));
      m.put("status", cr.status());
      caseList.add(m);
    }
    ctx.json(Map.of("customer", c, "cases", caseList));
  }

  private static Map<String, Object> match(DuplicateFinder.Match m) {
    Map<String, Object> out = new LinkedHashMap<>();
    Customer c = m.customer();
    out.put("id", c.id());
    out.put("firstName", c.firstName());
    out.put("lastName", c.lastName());
    out.put("dateOfBirth", c.dateOfBirth());
    out.put("addressLine1", c.addressLine1());
    out.put("town", c.town());
    out.put("postcode", c.postcode());
    out.put("email", c.email());
    out.put("phone", c.phone());
    out.put("score", m.score());
    out.put("reasons", m.reasons());
    return out;
  }
}
