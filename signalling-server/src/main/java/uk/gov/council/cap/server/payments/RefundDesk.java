package uk.gov.council.cap.server.payments;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.cases.CaseRepository;
import uk.gov.council.cap.server.db.Ids;
import uk.gov.council.cap.server.staff.StaffMember;

/**
 * Refunds, by a supervisor, in full or in part, with a reason. A refund is recorded as PENDING
 * before Stripe is asked, so it counts against what is left to refund even if the answer is lost; a
 * PENDING refund is asked for again with the same idempotency key until Stripe answers, so money is
 * never given back twice.
 */
public final class RefundDesk implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RefundDesk.class);
  private final Payments payments;
  private final CardReader reader;
  private final PaymentRules rules;
  private final CaseRepository cases;
  private final AuditLog audit;
  private final Ids ids;
  private final Clock clock;
  private final ScheduledExecutorService retries =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "refund-retries");
            t.setDaemon(true);
            return t;
          });

  public RefundDesk(
      Payments payments,
      CardReader reader,
      PaymentRules rules,
      CaseRepository cases,
      AuditLog audit,
      Ids ids,
      Clock clock) {
    this.payments = payments;
    this.reader = reader;
    this.rules = rules;
    this.cases = cases;
    this.audit = audit;
    this.ids = ids;
    this.clock = clock;
  }

  public void start(Duration retryEvery) {
    retries.scheduleWithFixedDelay(
        this::retryPending, retryEvery.toMillis(), retryEvery.toMillis(), TimeUnit.MILLISECONDS);
  }

  public synchronized Refund refund(
      String paymentId, Long pence, String reason, StaffMember supervisor) {
    Payment p =
        payments
            .find(paymentId)
            .orElseThrow(() -> new PaymentProblem(404, "There is no payment with that id."));
    if (p.status() != PaymentStatus.SUCCEEDED)
      throw new PaymentProblem(409, "Only a payment that went through can be refunded.");
    if (reason == null || reason.isBlank())
      throw new PaymentProblem(400, "Enter the reason for the refund.");
    if (reason.length() > 500)
      throw new PaymentProblem(400, "The reason must be 500 characters or fewer.");
    long refunded =
        payments.refundsOf(paymentId).stream()
            .filter(r -> !r.status().equals("FAILED"))
            .mapToLong(r -> r.amount().pence())
            .sum();
    long left = p.amount().pence() - refunded;
    if (left <= 0) throw new PaymentProblem(409, "This payment has already been refunded in full.");
    Money amount = pence == null ? new Money(left) : rules.check(pence, null);
    if (amount.pence() > left)
      throw new PaymentProblem(400, "You can refund up to " + new Money(left).display() + ".");
    Refund pending =
        new Refund(
            ids.newId(),
            p.id(),
            amount,
            reason.strip(),
            null,
            "PENDING",
            supervisor.auditName(),
            clock.now());
    payments.insertRefund(pending);
    audit.record(
        supervisor.auditName(),
        "payment.refund_requested",
        p.caseId(),
        p.id(),
        "refund=" + pending.id() + " amount=" + amount.pence() + " reason=" + pending.reason());
    return ask(p, pending, true);
  }

  private Refund ask(Payment p, Refund pending, boolean tellCaller) {
    try {
      String stripeRefundId = reader.refund(pending.id(), p.paymentIntentId(), pending.amount());
      payments.settleRefund(pending.id(), "SUCCEEDED", stripeRefundId);
      cases.addToTimeline(
          p.caseId(),
          "payment.refunded",
          "Refund of "
              + pending.amount().display()
              + " on the "
              + p.amount().display()
              + " card payment: "
              + pending.reason(),
          pending.refundedBy(),
          p.id());
      audit.record(
          pending.refundedBy(),
          "payment.refunded",
          p.caseId(),
          p.id(),
          "refund="
              + pending.id()
              + " stripe="
              + stripeRefundId
              + " amount="
              + pending.amount().pence());
      return new Refund(
          pending.id(),
          p.id(),
          pending.amount(),
          pending.reason(),
          stripeRefundId,
          "SUCCEEDED",
          pending.refundedBy(),
          pending.createdAt());
    } catch (CardReader.ReaderProblem e) {
      if (StripeTerminalReader.UNREACHABLE.equals(e.code())) {
        if (tellCaller) {
          throw new PaymentProblem(
              502,
              "Stripe could not be reached. The refund is recorded as pending and will be "
                  + "tried again automatically; do not refund it again.");
        }
        return pending;
      }
      payments.settleRefund(pending.id(), "FAILED", null);
      audit.record(
          pending.refundedBy(),
          "payment.refund_failed",
          p.caseId(),
          p.id(),
          "refund=" + pending.id() + " " + e.code());
      if (tellCaller) throw new PaymentProblem(409, "The refund was refused: " + e.getMessage());
      return pending;
    }
  }

  synchronized void retryPending() {
    try {
      for (Refund r : payments.pendingRefunds()) {
        payments.find(r.paymentId()).ifPresent(p -> ask(p, r, false));
      }
    } catch (RuntimeException e) {
      LOG.error("Retrying pending refunds failed; will try again", e);
    }
  }

  @Override
  public void close() {
    retries.shutdownNow();
  }
}
