package uk.gov.council.cap.server.payments;

import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.artefacts.CaseDocument;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.cases.CaseRepository;
import uk.gov.council.cap.server.incall.CallContexts;

/**
 * Settling, on the payments thread: asking the reader what happened (on the poll, on a webhook,
 * after a test card) and recording it, a receipt for every payment that went through, and
 * cancelling payments whose call has gone. The poll is also the reconciliation after a restart or a
 * lost webhook.
 */
final class PaymentSettler {
  private static final Logger LOG = LoggerFactory.getLogger(PaymentSettler.class);
  static final String CALL_ENDED =
      "The call ended before the payment was made. Nothing was charged.";
  private final PaymentRepository payments;
  private final CardReader reader;
  private final ReceiptMaker receipts;
  private final CaseRepository cases;
  private final AuditLog audit;
  private final CallContexts calls;
  private final Jdbi jdbi;
  private final Clock clock;
  private final ReaderWork work;
  private final PaymentSteps steps;
  private final PaymentView view;

  PaymentSettler(
      PaymentRepository payments,
      CardReader reader,
      ReceiptMaker receipts,
      CaseRepository cases,
      AuditLog audit,
      CallContexts calls,
      Jdbi jdbi,
      Clock clock,
      ReaderWork work,
      PaymentSteps steps,
      PaymentView view) {
    this.payments = payments;
    this.reader = reader;
    this.receipts = receipts;
    this.cases = cases;
    this.audit = audit;
    this.calls = calls;
    this.jdbi = jdbi;
    this.clock = clock;
    this.work = work;
    this.steps = steps;
    this.view = view;
  }

  /**
   * Asks the reader about every payment without a final status, and cancels those whose call has
   * gone.
   */
  void settleUnsettled() {
    if (work.stopping()) return;
    for (Payment p : payments.unsettled()) {
      if (work.busy(p.id())) continue;
      if (p.status() == PaymentStatus.WAITING_FOR_CARD || p.status() == PaymentStatus.PROCESSING) {
        askReader(p.id());
      } else if (callGone(p)) {
        cancelForCallEnded(p);
      }
    }
  }

  void cancelForCallEnded(Payment p) {
    steps.cancel(p, "system", CALL_ENDED).exceptionally(e -> null);
  }

  void askReader(String paymentId) {
    if (work.busy(paymentId)) return;
    Payment p = payments.find(paymentId).orElseThrow();
    if (p.status().settled() || p.paymentIntentId() == null) return;
    PaymentOrder order = work.order(p);
    String caseReference = work.caseReference(p.caseId());
    work.ask(
        paymentId,
        () -> reader.outcome(order, p.paymentIntentId()),
        outcome -> apply(paymentId, p.attempt(), outcome, caseReference),
        // Stripe unreachable: the payment stays as it is and the next poll asks again.
        e -> LOG.warn("Could not ask the reader about payment {}: {}", paymentId, e.getMessage()));
  }

  private void apply(
      String paymentId, int askedAttempt, CardReader.Outcome outcome, String caseReference) {
    Payment p = payments.find(paymentId).orElseThrow();
    // A new attempt began while the reader was being asked: its answer is about the old one.
    if (p.status().settled() || p.attempt() != askedAttempt) return;
    String actor = "card-reader:" + p.readerId();
    if (outcome instanceof CardReader.Outcome.Waiting) {
      if (callGone(p)) cancelForCallEnded(p);
    } else if (outcome instanceof CardReader.Outcome.Processing) {
      if (p.status() != PaymentStatus.PROCESSING)
        change(p, p.with(PaymentStatus.PROCESSING, null, clock.now()), actor);
    } else if (outcome instanceof CardReader.Outcome.Succeeded s) {
      succeeded(p, s.card(), caseReference, actor);
    } else if (outcome instanceof CardReader.Outcome.Declined d) {
      Payment declined =
          p.status() == PaymentStatus.DECLINED
              ? p
              : change(p, p.with(PaymentStatus.DECLINED, d.message(), clock.now()), actor);
      if (declined == null) return;
      if (declined != p) audit.record(actor, "payment.declined", p.caseId(), p.id(), d.message());
      if (callGone(p)) cancelForCallEnded(declined);
    } else if (outcome instanceof CardReader.Outcome.Cancelled) {
      steps.cancelled(p, actor, "Cancelled on the card reader.");
    } else if (outcome instanceof CardReader.Outcome.Lost l) {
      if (p.status() != PaymentStatus.READER_PROBLEM)
        change(p, p.with(PaymentStatus.READER_PROBLEM, l.message(), clock.now()), actor);
    }
  }

  private boolean callGone(Payment p) {
    return calls.inProgress(p.callId()).isEmpty();
  }

  private Payment change(Payment p, Payment next, String actor) {
    Payment moved = steps.move(p, next, actor);
    if (moved != null) view.broadcast(moved);
    return moved;
  }

  private void succeeded(
      Payment p, CardReader.CardDetails card, String caseReference, String actor) {
    Instant paidAt = clock.now();
    Payment paid = steps.move(p, p.succeeded(card, paidAt), actor);
    if (paid == null) return;
    cases.addToTimeline(
        p.caseId(),
        "payment.succeeded",
        "Card payment of "
            + p.amount().display()
            + " accepted ("
            + card.brand()
            + " ending "
            + card.last4()
            + "): "
            + p.description(),
        actor,
        p.id());
    audit.record(
        actor,
        "payment.succeeded",
        p.caseId(),
        p.id(),
        "intent="
            + p.paymentIntentId()
            + " amount="
            + p.amount().pence()
            + " card="
            + card.brand()
            + "/"
            + card.last4());
    view.broadcast(paid);
    work.other(
        () -> storeReceipt(paid, caseReference, paidAt),
        stored -> {
          Payment withReceipt = payments.find(p.id()).orElseThrow().withReceipt(stored.id());
          payments.saveDetails(withReceipt);
          view.broadcast(withReceipt);
        },
        // The payment stands; only its receipt is missing, and the case page can make it again.
        e -> LOG.error("Could not make the receipt for payment {}", p.id(), e));
  }

  /** Runs on the reader pool: sealing the receipt is slow. */
  private CaseDocument storeReceipt(Payment paid, String caseReference, Instant paidAt)
      throws Exception {
    CaseDocument doc = receipts.make(paid, caseReference, reader.simulated(), paidAt);
    try {
      jdbi.useTransaction(
          h -> {
            receipts.record(h, doc);
            cases.addToTimeline(
                h,
                paid.caseId(),
                "payment.receipt",
                "Receipt for " + paid.amount().display() + " stored",
                "system:payments",
                doc.id());
          });
      return doc;
    } catch (RuntimeException e) {
      receipts.discard(doc);
      throw e;
    }
  }
}
