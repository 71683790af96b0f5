package uk.gov.council.cap.server.payments;

/**
 * Where a refund is. PENDING is recorded before Stripe is asked, so it counts against what is left
 * to refund even if the answer is lost; it ends SUCCEEDED or FAILED and never moves again.
 */
public enum RefundStatus {
  PENDING,
  SUCCEEDED,
  FAILED;

  public boolean canMoveTo(RefundStatus next) {
    return this == PENDING && next != PENDING;
  }

  /** Whether the refund's money is given back, or may yet be: it counts against the payment. */
  public boolean counts() {
    return this != FAILED;
  }
}
