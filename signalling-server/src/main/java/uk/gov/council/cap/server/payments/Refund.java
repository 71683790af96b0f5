package uk.gov.council.cap.server.payments;

import java.time.Instant;

/** Money given back on a succeeded payment, by a supervisor, with the reason. */
public record Refund(
    String id,
    String paymentId,
    Money amount,
    String reason,
    String stripeRefundId,
    RefundStatus status,
    String refundedBy,
    Instant createdAt) {}
