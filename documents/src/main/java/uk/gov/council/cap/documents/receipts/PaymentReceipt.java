package uk.gov.council.cap.documents.receipts;

import java.time.Instant;
import java.util.List;

/**
 * What a card payment receipt shows. {@code emvLines} are the fields the card networks require on a
 * receipt for a chip or contactless payment (application name and identifier, authorisation code,
 * account type, method), already labelled, so this module need not know about Stripe.
 */
public record PaymentReceipt(
    String councilName,
    String caseReference,
    String paymentReference,
    String description,
    String fundCode,
    String vatCode,
    String amountText,
    String cardBrand,
    String cardLast4,
    List<Line> emvLines,
    Instant paidAt,
    String refundsText) {
  public record Line(String label, String value) {}
}
