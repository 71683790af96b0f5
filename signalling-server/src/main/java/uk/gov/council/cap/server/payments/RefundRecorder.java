package uk.gov.council.cap.server.payments;

import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.cases.CaseRepository;

/**
 * What a refund leaves behind: its status, the case timeline and the audit trail. A refund already
 * settled by a racing retry is left as it is, so nothing is recorded twice.
 */
final class RefundRecorder {
  private final RefundRepository refunds;
  private final CaseRepository cases;
  private final AuditLog audit;

  RefundRecorder(RefundRepository refunds, CaseRepository cases, AuditLog audit) {
    this.refunds = refunds;
    this.cases = cases;
    this.audit = audit;
  }

  void requested(Payment p, Refund pending) {
    audit.record(
        pending.refundedBy(),
        "payment.refund_requested",
        p.caseId(),
        p.id(),
        "refund="
            + pending.id()
            + " amount="
            + pending.amount().pence()
            + " reason="
            + pending.reason());
  }

  Refund succeeded(Payment p, Refund pending, String stripeRefundId) {
    Refund done =
        new Refund(
            pending.id(),
            p.id(),
            pending.amount(),
            pending.reason(),
            stripeRefundId,
            RefundStatus.SUCCEEDED,
            pending.refundedBy(),
            pending.createdAt());
    if (!refunds.transition(
        pending.id(), RefundStatus.PENDING, RefundStatus.SUCCEEDED, stripeRefundId)) {
      return done;
    }
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
    return done;
  }

  void failed(Payment p, Refund pending, String code) {
    if (!refunds.transition(pending.id(), RefundStatus.PENDING, RefundStatus.FAILED, null)) return;
    audit.record(
        pending.refundedBy(),
        "payment.refund_failed",
        p.caseId(),
        p.id(),
        "refund=" + pending.id() + " " + code);
  }
}
