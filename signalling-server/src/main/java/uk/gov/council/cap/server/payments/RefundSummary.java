package uk.gov.council.cap.server.payments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How refunds show on the case page: the payment's tag says what was given back ("Part refunded:
 * £15.00 of £45.00"), not only "Payment accepted", and "What happened" has a row for each refund.
 */
final class RefundSummary {
  private RefundSummary() {}

  /** The payment's tag: its status, or what has been refunded of a payment that went through. */
  static String tagText(Payment p, List<Refund> refunds) {
    long refunded = refundedPence(refunds);
    if (p.status() != PaymentStatus.SUCCEEDED || refunded == 0) return p.status().words();
    if (refunded >= p.amount().pence()) return "Refunded in full: " + p.amount().display();
    return "Part refunded: " + new Money(refunded).display() + " of " + p.amount().display();
  }

  /** Money Stripe has given back (pending and refused refunds are not). */
  static long refundedPence(List<Refund> refunds) {
    return refunds.stream()
        .filter(r -> r.status() == RefundStatus.SUCCEEDED)
        .mapToLong(r -> r.amount().pence())
        .sum();
  }

  /**
   * The payment's status history and its refunds, in time order, as "What happened" shows them. The
   * refund's reason stays in the refunds table only, so each reason appears once on the page.
   */
  static List<Map<String, Object>> happened(
      Payment p, List<PaymentRepository.StatusChange> history, List<Refund> refunds) {
    record Row(Instant at, Map<String, Object> row) {}
    List<Row> rows = new ArrayList<>();
    for (PaymentRepository.StatusChange h : history) {
      rows.add(
          new Row(
              h.at(), row(h.at(), h.status().words(), h.detail(), h.actor(), h.status().name())));
    }
    for (Refund r : refunds) {
      rows.add(
          new Row(r.createdAt(), row(r.createdAt(), words(r), detail(p, r), r.refundedBy(), null)));
    }
    rows.sort(Comparator.comparing(Row::at));
    return rows.stream().map(Row::row).toList();
  }

  private static String words(Refund r) {
    return switch (r.status()) {
      case PENDING -> "Refund pending";
      case SUCCEEDED -> "Refunded";
      case FAILED -> "Refund refused";
    };
  }

  private static String detail(Payment p, Refund r) {
    return r.amount().display() + " of " + p.amount().display();
  }

  private static Map<String, Object> row(
      Instant at, String statusText, String detail, String actor, String status) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", status == null ? "REFUND" : status);
    m.put("statusText", statusText);
    m.put("detail", detail == null ? "" : detail);
    m.put("actor", actor);
    m.put("at", at.toString());
    return m;
  }
}
