package uk.gov.council.cap.server.payments;

import java.time.Instant;
import java.util.Map;

/**
 * One payment on a case, as stored. Card data is limited to what Stripe reports: brand and last
 * four digits.
 */
public record Payment(
    String id,
    String caseId,
    String callId,
    String kioskId,
    String readerId,
    Money amount,
    String itemId,
    String description,
    String fundCode,
    String vatCode,
    PaymentStatus status,
    int attempt,
    String paymentIntentId,
    String message,
    String cardBrand,
    String cardLast4,
    Map<String, String> receiptFields,
    String receiptDocumentId,
    String requestedBy,
    String requestedByName,
    Instant createdAt,
    Instant updatedAt) {

  PaymentOrder order(String caseReference) {
    return new PaymentOrder(id, caseReference, readerId, amount, description, fundCode, vatCode);
  }

  Payment with(PaymentStatus newStatus, String newMessage, Instant at) {
    return new Payment(
        id,
        caseId,
        callId,
        kioskId,
        readerId,
        amount,
        itemId,
        description,
        fundCode,
        vatCode,
        newStatus,
        attempt,
        paymentIntentId,
        newMessage,
        cardBrand,
        cardLast4,
        receiptFields,
        receiptDocumentId,
        requestedBy,
        requestedByName,
        createdAt,
        at);
  }

  Payment nextAttempt(Instant at) {
    return new Payment(
        id,
        caseId,
        callId,
        kioskId,
        readerId,
        amount,
        itemId,
        description,
        fundCode,
        vatCode,
        status,
        attempt + 1,
        paymentIntentId,
        message,
        cardBrand,
        cardLast4,
        receiptFields,
        receiptDocumentId,
        requestedBy,
        requestedByName,
        createdAt,
        at);
  }

  Payment started(String intentId, Instant at) {
    return new Payment(
        id,
        caseId,
        callId,
        kioskId,
        readerId,
        amount,
        itemId,
        description,
        fundCode,
        vatCode,
        PaymentStatus.WAITING_FOR_CARD,
        attempt,
        intentId,
        null,
        cardBrand,
        cardLast4,
        receiptFields,
        receiptDocumentId,
        requestedBy,
        requestedByName,
        createdAt,
        at);
  }

  Payment succeeded(CardReader.CardDetails card, Instant at) {
    return new Payment(
        id,
        caseId,
        callId,
        kioskId,
        readerId,
        amount,
        itemId,
        description,
        fundCode,
        vatCode,
        PaymentStatus.SUCCEEDED,
        attempt,
        paymentIntentId,
        null,
        card.brand(),
        card.last4(),
        card.receiptFields(),
        receiptDocumentId,
        requestedBy,
        requestedByName,
        createdAt,
        at);
  }

  Payment withReceipt(String documentId) {
    return new Payment(
        id,
        caseId,
        callId,
        kioskId,
        readerId,
        amount,
        itemId,
        description,
        fundCode,
        vatCode,
        status,
        attempt,
        paymentIntentId,
        message,
        cardBrand,
        cardLast4,
        receiptFields,
        documentId,
        requestedBy,
        requestedByName,
        createdAt,
        updatedAt);
  }
}
