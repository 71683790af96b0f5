package uk.gov.council.cap.server.payments;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import uk.gov.council.cap.server.db.JsonText;

/** Owns the payments, payment_status_history, stripe_events and card_readers tables. */
public final class PaymentRepository {
  private final Jdbi jdbi;

  public PaymentRepository(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public record StatusChange(
      int seq, PaymentStatus status, String detail, String actor, Instant at) {}

  void insert(Handle h, Payment p, String actor) {
    h.createUpdate(
            """
        insert into payments (id, case_id, call_id, kiosk_id, reader_id, amount_pence, currency, item_id, description,
          fund_code, vat_code, status, attempt, requested_by, requested_by_name, created_at, updated_at)
        values (:id, :caseId, :callId, :kioskId, :readerId, :pence, :currency, :itemId, :description, :fundCode,
          :vatCode, :status, :attempt, :by, :byName, :at, :at)""")
        .bind("id", p.id())
        .bind("caseId", p.caseId())
        .bind("callId", p.callId())
        .bind("kioskId", p.kioskId())
        .bind("readerId", p.readerId())
        .bind("pence", p.amount().pence())
        .bind("currency", Money.CURRENCY)
        .bind("itemId", p.itemId())
        .bind("description", p.description())
        .bind("fundCode", p.fundCode())
        .bind("vatCode", p.vatCode())
        .bind("status", p.status().name())
        .bind("attempt", p.attempt())
        .bind("by", p.requestedBy())
        .bind("byName", p.requestedByName())
        .bind("at", p.createdAt().toEpochMilli())
        .execute();
    addHistory(h, p.id(), p.status(), null, actor, p.createdAt());
  }

  /**
   * Moves a payment from {@code from} to {@code next}'s status, saving its other fields and
   * appending the status to its history, in one transaction. Every status change goes through here:
   * an illegal move throws, and a move raced by another (the row is no longer in {@code from})
   * changes nothing and returns false.
   */
  boolean transition(String id, PaymentStatus from, Payment next, String actor) {
    if (!from.canMoveTo(next.status())) {
      throw new IllegalStateException(
          "Payment " + id + " cannot move from " + from + " to " + next.status());
    }
    return jdbi.inTransaction(
        h -> {
          if (!write(h, id, from, next)) return false;
          addHistory(h, id, next.status(), next.message(), actor, next.updatedAt());
          return true;
        });
  }

  /**
   * Saves a payment's fields that are not its status (the attempt count, the receipt), if it is
   * still in the status it was read in; false if it moved on meanwhile.
   */
  boolean saveDetails(Payment p) {
    return jdbi.withHandle(h -> write(h, p.id(), p.status(), p));
  }

  private static boolean write(Handle h, String id, PaymentStatus from, Payment p) {
    return h.createUpdate(
                """
        update payments set status = :status, attempt = :attempt, payment_intent_id = :intent, message = :message,
          card_brand = :brand, card_last4 = :last4, receipt_fields = :receipt, receipt_document_id = :receiptDoc,
          updated_at = :at where id = :id and status = :from""")
            .bind("status", p.status().name())
            .bind("attempt", p.attempt())
            .bind("intent", p.paymentIntentId())
            .bind("message", p.message())
            .bind("brand", p.cardBrand())
            .bind("last4", p.cardLast4())
            .bind("receipt", p.receiptFields() == null ? null : JsonText.of(p.receiptFields()))
            .bind("receiptDoc", p.receiptDocumentId())
            .bind("at", p.updatedAt().toEpochMilli())
            .bind("id", id)
            .bind("from", from.name())
            .execute()
        == 1;
  }

  private static void addHistory(
      Handle h, String paymentId, PaymentStatus status, String detail, String actor, Instant at) {
    int seq =
        h.createQuery(
                "select coalesce(max(seq), 0) + 1 from payment_status_history where payment_id = :p")
            .bind("p", paymentId)
            .mapTo(Integer.class)
            .one();
    h.createUpdate(
            "insert into payment_status_history (payment_id, seq, status, detail, actor, at) values (:p, :seq, :s, :d, :a, :at)")
        .bind("p", paymentId)
        .bind("seq", seq)
        .bind("s", status.name())
        .bind("d", detail)
        .bind("a", actor)
        .bind("at", at.toEpochMilli())
        .execute();
  }

  public Optional<Payment> find(String id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select * from payments where id = :id")
                .bind("id", id)
                .map((rs, ctx) -> map(rs))
                .findOne());
  }

  Optional<Payment> findByIntent(String paymentIntentId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select * from payments where payment_intent_id = :pi")
                .bind("pi", paymentIntentId)
                .map((rs, ctx) -> map(rs))
                .findOne());
  }

  public List<Payment> ofCase(String caseId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select * from payments where case_id = :c order by created_at")
                .bind("c", caseId)
                .map((rs, ctx) -> map(rs))
                .list());
  }

  /** Every payment without a final outcome: what the poll and the reconciliation work through. */
  List<Payment> unsettled() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select * from payments where status not in ('SUCCEEDED', 'CANCELLED') order by created_at")
                .map((rs, ctx) -> map(rs))
                .list());
  }

  public List<StatusChange> history(String paymentId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select * from payment_status_history where payment_id = :p order by seq")
                .bind("p", paymentId)
                .map(
                    (rs, ctx) ->
                        new StatusChange(
                            rs.getInt("seq"),
                            PaymentStatus.valueOf(rs.getString("status")),
                            rs.getString("detail"),
                            rs.getString("actor"),
                            Instant.ofEpochMilli(rs.getLong("at"))))
                .list());
  }

  /** Records a webhook event id; false if it was already recorded (a replay). */
  boolean firstDelivery(String eventId, String type, Instant at) {
    try {
      return jdbi.withHandle(
              h ->
                  h.createUpdate(
                          """
          insert into stripe_events (event_id, type, received_at)
          select :id, :type, :at where not exists (select 1 from stripe_events where event_id = :id)""")
                      .bind("id", eventId)
                      .bind("type", type)
                      .bind("at", at.toEpochMilli())
                      .execute())
          == 1;
    } catch (org.jdbi.v3.core.JdbiException e) {
      return false; // two deliveries of the same event at once: the primary key let only one in
    }
  }

  Optional<String> readerOfKiosk(String kioskId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select reader_id from card_readers where kiosk_id = :k")
                .bind("k", kioskId)
                .mapTo(String.class)
                .findOne());
  }

  void setReaderOfKiosk(String kioskId, String readerId, String label, Instant at) {
    jdbi.useTransaction(
        h -> {
          h.createUpdate("delete from card_readers where kiosk_id = :k")
              .bind("k", kioskId)
              .execute();
          h.createUpdate(
                  "insert into card_readers (kiosk_id, reader_id, label, updated_at) values (:k, :r, :l, :at)")
              .bind("k", kioskId)
              .bind("r", readerId)
              .bind("l", label)
              .bind("at", at.toEpochMilli())
              .execute();
        });
  }

  private static Payment map(ResultSet rs) throws SQLException {
    String receipt = rs.getString("receipt_fields");
    return new Payment(
        rs.getString("id"),
        rs.getString("case_id"),
        rs.getString("call_id"),
        rs.getString("kiosk_id"),
        rs.getString("reader_id"),
        new Money(rs.getLong("amount_pence")),
        rs.getString("item_id"),
        rs.getString("description"),
        rs.getString("fund_code"),
        rs.getString("vat_code"),
        PaymentStatus.valueOf(rs.getString("status")),
        rs.getInt("attempt"),
        rs.getString("payment_intent_id"),
        rs.getString("message"),
        rs.getString("card_brand"),
        rs.getString("card_last4"),
        receipt == null ? null : JsonText.map(receipt, "receipt fields in payments"),
        rs.getString("receipt_document_id"),
        rs.getString("requested_by"),
        rs.getString("requested_by_name"),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        Instant.ofEpochMilli(rs.getLong("updated_at")));
  }
}
