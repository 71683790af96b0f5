package uk.gov.council.cap.server.payments;

/**
 * One request to take a card payment on a kiosk's reader. {@code paymentId} is ours, stable across
 * retries, and is the root of every idempotency key sent to Stripe, so a retry can never charge
 * twice.
 */
public record PaymentOrder(
    String paymentId,
    String caseReference,
    String readerId,
    Money amount,
    String description,
    String fundCode,
    String vatCode) {}
