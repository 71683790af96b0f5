package uk.gov.council.cap.server.payments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Owns the refunds table. */
public final class RefundRepository {
  private final Jdbi jdbi;

  public RefundRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  void insert(Refund r) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    """
        insert into refunds (id, payment_id, amount_pence, reason, stripe_refund_id, status, refunded_by, created_at)
        values (:id, :p, :pence, :reason, :sr, :status, :by, :at)""")
                .bind("id", r.id())
                .bind("p", r.paymentId())
                .bind("pence", r.amount().pence())
                .bind("reason", r.reason())
                .bind("sr", r.stripeRefundId())
                .bind("status", r.status().name())
                .bind("by", r.refundedBy())
                .bind("at", r.createdAt().toEpochMilli())
                .execute());
  }

  public List<Refund> ofPayment(String paymentId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select * from refunds where payment_id = :p order by created_at")
                .bind("p", paymentId)
                .map((rs, ctx) -> map(rs))
                .list());
  }

  /** What has been given back, or may yet be (pending), on a payment. */
  long countedPence(String paymentId) {
    return ofPayment(paymentId).stream()
        .filter(r -> r.status().counts())
        .mapToLong(r -> r.amount().pence())
        .sum();
  }

  List<Refund> pending() {
    return jdbi.withHandle(
        h ->
            h.createQuery("select * from refunds where status = :s order by created_at")
                .bind("s", RefundStatus.PENDING.name())
                .map((rs, ctx) -> map(rs))
                .list());
  }

  /**
   * Moves a refund from {@code from} to {@code to}, keeping Stripe's refund id if one is given.
   * Every status change goes through here: an illegal move throws; a move raced by another (a retry
   * and the supervisor's own request both hearing from Stripe) changes nothing and returns false.
   */
  boolean transition(String id, RefundStatus from, RefundStatus to, String stripeRefundId) {
    if (!from.canMoveTo(to)) {
      throw new IllegalStateException("Refund " + id + " cannot move from " + from + " to " + to);
    }
    return jdbi.withHandle(
            h ->
                h.createUpdate(
                        """
            update refunds set status = :to, stripe_refund_id = coalesce(:sr, stripe_refund_id)
            where id = :id and status = :from""")
                    .bind("to", to.name())
                    .bind("sr", stripeRefundId)
                    .bind("id", id)
                    .bind("from", from.name())
                    .execute())
        == 1;
  }

  private static Refund map(ResultSet rs) throws SQLException {
    return new Refund(
        rs.getString("id"),
        rs.getString("payment_id"),
        new Money(rs.getLong("amount_pence")),
        rs.getString("reason"),
        rs.getString("stripe_refund_id"),
        RefundStatus.valueOf(rs.getString("status")),
        rs.getString("refunded_by"),
        Instant.ofEpochMilli(rs.getLong("created_at")));
  }
}
