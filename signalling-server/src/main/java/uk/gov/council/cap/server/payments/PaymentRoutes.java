package uk.gov.council.cap.server.payments;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.staff.Access;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.StaffAuth;
import uk.gov.council.cap.server.staff.StaffMember;

/**
 * The console's payment actions: the catalogue, take a payment, cancel it, see a case's payments,
 * refund.
 */
public final class PaymentRoutes {
  private final PaymentDesk desk;
  private final RefundDesk refunds;
  private final PaymentRepository payments;
  private final RefundRepository refundRecords;
  private final PaymentCatalogue catalogue;
  private final PaymentRules rules;
  private final KioskRepository kiosks;
  private final AuditLog audit;
  private final Clock clock;
  private final CardReader reader;

  public PaymentRoutes(
      PaymentDesk desk,
      RefundDesk refunds,
      PaymentRepository payments,
      RefundRepository refundRecords,
      PaymentCatalogue catalogue,
      PaymentRules rules,
      KioskRepository kiosks,
      AuditLog audit,
      Clock clock,
      CardReader reader) {
    this.reader = reader;
    this.desk = desk;
    this.refunds = refunds;
    this.payments = payments;
    this.refundRecords = refundRecords;
    this.catalogue = catalogue;
    this.rules = rules;
    this.kiosks = kiosks;
    this.audit = audit;
    this.clock = clock;
  }

  public record RefundInput(Long amountPence, String reason) {}

  public record ReaderInput(String readerId, String label) {}

  public void register(Javalin app) {
    app.get("/api/payment-catalogue", this::catalogue, Role.ADVISOR, Role.SUPERVISOR);
    app.post(
        "/api/calls/{id}/payments",
        ctx ->
            ctx.status(201)
                .json(
                    desk.view(
                        desk.request(
                            ctx.pathParam("id"),
                            ctx.bodyAsClass(PaymentDesk.Request.class),
                            StaffAuth.staff(ctx)))),
        Role.ADVISOR,
        Role.SUPERVISOR);
    app.post(
        "/api/payments/{id}/cancel",
        ctx -> ctx.json(desk.view(desk.cancelByAdvisor(ctx.pathParam("id"), StaffAuth.staff(ctx)))),
        Role.ADVISOR,
        Role.SUPERVISOR);
    app.get(
        "/api/cases/{id}/payments",
        ctx -> ctx.json(payments.ofCase(ctx.pathParam("id")).stream().map(this::caseView).toList()),
        Role.ADVISOR,
        Role.SUPERVISOR);
    app.post("/api/payments/{id}/refunds", this::refund, Role.SUPERVISOR);
    app.put("/api/kiosks/{id}/card-reader", this::registerReader, Role.TECHNICIAN, Role.ADMIN);
    app.get(
        "/api/kiosks/{id}/card-reader",
        ctx -> {
          if (kiosks.find(ctx.pathParam("id")).isEmpty())
            throw new PaymentProblem(404, "There is no kiosk with that id.");
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("simulatedReader", desk.simulatedReader());
          m.put("readerId", payments.readerOfKiosk(ctx.pathParam("id")).orElse(null));
          ctx.json(m);
        },
        Role.TECHNICIAN,
        Role.ADMIN);
    app.get("/api/kiosk/card-reader", this::checkReader, Access.KIOSK);
  }

  private void catalogue(Context ctx) {
    ctx.json(
        Map.of(
            "simulatedReader",
            desk.simulatedReader(),
            "maxAmount",
            rules.maxPence(),
            "items",
            catalogue.items().stream()
                .map(
                    i ->
                        Map.of(
                            "id",
                            i.id(),
                            "label",
                            i.label(),
                            "amount",
                            i.pence(),
                            "amountText",
                            new Money(i.pence()).display(),
                            "fundCode",
                            nullToEmpty(i.fundCode()),
                            "vatCode",
                            nullToEmpty(i.vatCode())))
                .toList()));
  }

  private void refund(Context ctx) {
    RefundInput in = ctx.bodyAsClass(RefundInput.class);
    Refund r =
        refunds.refund(ctx.pathParam("id"), in.amountPence(), in.reason(), StaffAuth.staff(ctx));
    ctx.status(201).json(refundView(r));
  }

  /**
   * The kiosk's self-test asks after its card reader, which only the server can reach (through
   * Stripe).
   */
  private void checkReader(Context ctx) {
    var kiosk =
        kiosks
            .fromAuthorizationHeader(ctx.header("Authorization"))
            .orElseThrow(() -> new PaymentProblem(401, "Kiosk credentials were not accepted."));
    CardReader.ReaderCheck check;
    if (desk.simulatedReader()) {
      check = reader.check("simulated");
    } else {
      check =
          payments
              .readerOfKiosk(kiosk.id())
              .map(reader::check)
              .orElse(
                  new CardReader.ReaderCheck(
                      false,
                      "No card reader is registered for this kiosk",
                      "Register the reader's id (tmr_…) for this kiosk on the fleet page."));
    }
    ctx.json(Map.of("passed", check.passed(), "detail", check.detail(), "fix", check.fix()));
  }

  private void registerReader(Context ctx) {
    ReaderInput in = ctx.bodyAsClass(ReaderInput.class);
    String kioskId = ctx.pathParam("id");
    if (kiosks.find(kioskId).isEmpty())
      throw new PaymentProblem(404, "There is no kiosk with that id.");
    if (in.readerId() == null || !in.readerId().matches("tmr_[A-Za-z0-9]{4,64}")) {
      throw new PaymentProblem(
          400,
          "Enter the Stripe reader id, which starts with tmr_ (see the Stripe Dashboard, Terminal, Readers).");
    }
    StaffMember staff = StaffAuth.staff(ctx);
    payments.setReaderOfKiosk(kioskId, in.readerId(), in.label(), clock.now());
    audit.record(staff.auditName(), "kiosk.card_reader", null, kioskId, in.readerId());
    ctx.json(Map.of("kioskId", kioskId, "readerId", in.readerId()));
  }

  /**
   * A payment as the case page shows it: what, how much, the card, the status history, the receipt,
   * refunds.
   */
  Map<String, Object> caseView(Payment p) {
    Map<String, Object> m = new LinkedHashMap<>(desk.view(p));
    m.put("itemId", p.itemId());
    m.put("fundCode", p.fundCode());
    m.put("vatCode", p.vatCode());
    m.put("currency", Money.CURRENCY.toUpperCase());
    m.put("paymentIntentId", p.paymentIntentId());
    m.put("requestedBy", p.requestedByName());
    m.put("createdAt", p.createdAt().toString());
    m.put("receiptFields", p.receiptFields() == null ? Map.of() : p.receiptFields());
    List<PaymentRepository.StatusChange> history = payments.history(p.id());
    m.put(
        "history",
        history.stream()
            .map(
                h -> {
                  Map<String, Object> row = new LinkedHashMap<>();
                  row.put("status", h.status().name());
                  row.put("statusText", h.status().words());
                  row.put("detail", h.detail() == null ? "" : h.detail());
                  row.put("actor", h.actor());
                  row.put("at", h.at().toString());
                  return row;
                })
            .toList());
    List<Refund> rs = refundRecords.ofPayment(p.id());
    m.put("tagText", RefundSummary.tagText(p, rs));
    m.put("refundedText", new Money(RefundSummary.refundedPence(rs)).display());
    m.put("happened", RefundSummary.happened(p, history, rs));
    m.put("refunds", rs.stream().map(PaymentRoutes::refundView).toList());
    long refunded =
        rs.stream().filter(r -> r.status().counts()).mapToLong(r -> r.amount().pence()).sum();
    m.put("refundable", p.status() == PaymentStatus.SUCCEEDED ? p.amount().pence() - refunded : 0);
    m.put(
        "refundableText",
        new Money(p.status() == PaymentStatus.SUCCEEDED ? p.amount().pence() - refunded : 0)
            .display());
    return m;
  }

  private static Map<String, Object> refundView(Refund r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("amount", r.amount().pence());
    m.put("amountText", r.amount().display());
    m.put("reason", r.reason());
    m.put("status", r.status().name());
    m.put("stripeRefundId", r.stripeRefundId() == null ? "" : r.stripeRefundId());
    m.put("by", r.refundedBy());
    m.put("at", r.createdAt().toString());
    return m;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
