package uk.gov.council.cap.server.payments;

import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.council.cap.protocol.ErrorCode;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.cases.CaseRepository;
import uk.gov.council.cap.server.mail.Mailer;

/**
 * The steps a payment takes on the payments thread: starting the reader, cancelling, a test card,
 * emailing the receipt. Every status change is a guarded transition; one the database refuses
 * because the payment moved on meanwhile changes nothing, and both screens are shown where it is.
 */
final class PaymentSteps {
  private static final Logger LOG = LoggerFactory.getLogger(PaymentSteps.class);
  private final PaymentRepository payments;
  private final CardReader reader;
  private final ReceiptEmailer emailer;
  private final CaseRepository cases;
  private final AuditLog audit;
  private final Clock clock;
  private final ReaderWork work;
  private final PaymentView view;

  PaymentSteps(
      PaymentRepository payments,
      CardReader reader,
      ReceiptEmailer emailer,
      CaseRepository cases,
      AuditLog audit,
      Clock clock,
      ReaderWork work,
      PaymentView view) {
    this.payments = payments;
    this.reader = reader;
    this.emailer = emailer;
    this.cases = cases;
    this.audit = audit;
    this.clock = clock;
    this.work = work;
    this.view = view;
  }

  /**
   * Moves {@code p} to {@code next} (the caller tells both screens once it has recorded the rest);
   * if another move got there first, shows both screens where the payment really is and returns
   * null.
   */
  Payment move(Payment p, Payment next, String actor) {
    if (payments.transition(p.id(), p.status(), next, actor)) return next;
    LOG.info("Payment {} moved on before {} -> {}; left as it is", p.id(), p.status(), next);
    payments.find(p.id()).ifPresent(view::broadcast);
    return null;
  }

  void pay(Payment p, String actor, String ref) {
    if (work.changing(p.id())) return; // a second press while the reader is being started
    if (!p.status().payable()) {
      view.errorToKiosk(
          p.callId(),
          ErrorCode.CONFLICT,
          "This payment cannot be paid now: " + p.status().words() + ".",
          ref);
      return;
    }
    Payment attempt = p.nextAttempt(clock.now());
    if (!payments.saveDetails(attempt)) return;
    PaymentOrder order = work.order(attempt);
    work.change(
        p.id(),
        () -> reader.start(order, attempt.attempt()),
        started -> readerStarted(p.id(), started, actor),
        e -> readerProblem(p.id(), asReaderProblem(p.id(), e), actor));
  }

  private static CardReader.ReaderProblem asReaderProblem(String paymentId, Exception e) {
    if (e instanceof CardReader.ReaderProblem problem) return problem;
    LOG.error("Card reader failed to start payment {}", paymentId, e);
    return new CardReader.ReaderProblem(
        "internal", "The card reader could not be started. Nothing was charged; try again.", e);
  }

  private void readerStarted(String paymentId, CardReader.ReaderStarted started, String actor) {
    Payment p = payments.find(paymentId).orElseThrow();
    Payment waiting = move(p, p.started(started.paymentIntentId(), clock.now()), actor);
    if (waiting == null) return;
    audit.record(
        actor,
        "payment.reader_started",
        p.caseId(),
        p.id(),
        "attempt="
            + waiting.attempt()
            + " intent="
            + started.paymentIntentId()
            + " reader="
            + p.readerId());
    view.broadcast(waiting);
  }

  private void readerProblem(String paymentId, CardReader.ReaderProblem e, String actor) {
    Payment p = payments.find(paymentId).orElseThrow();
    Payment problem =
        move(p, p.with(PaymentStatus.READER_PROBLEM, e.getMessage(), clock.now()), actor);
    if (problem == null) return;
    audit.record(actor, "payment.reader_problem", p.caseId(), p.id(), e.code());
    view.broadcast(problem);
  }

  /**
   * Cancels on the reader if it was started, then records CANCELLED. Completes with the payment as
   * it ends up.
   */
  CompletableFuture<Payment> cancel(Payment p, String actor, String reason) {
    CompletableFuture<Payment> result = new CompletableFuture<>();
    if (work.changing(p.id())) {
      result.completeExceptionally(
          new PaymentProblem(
              409, "The card reader is busy with this payment. Try again in a moment."));
      return result;
    }
    if (!p.status().cancellable()) {
      result.completeExceptionally(
          new PaymentProblem(
              409,
              p.status() == PaymentStatus.PROCESSING
                  ? "A card has been presented and is being processed. Wait for the result."
                  : "This payment has already finished: " + p.status().words() + "."));
      return result;
    }
    if (p.paymentIntentId() == null) {
      result.complete(cancelled(p, actor, reason));
      return result;
    }
    PaymentOrder order = work.order(p);
    work.change(
        p.id(),
        () -> {
          reader.cancel(order, p.paymentIntentId());
          return p.id();
        },
        id -> result.complete(cancelled(payments.find(id).orElseThrow(), actor, reason)),
        e -> {
          LOG.warn("Could not cancel payment {} on the reader: {}", p.id(), e.getMessage());
          audit.record(actor, "payment.cancel_refused", p.caseId(), p.id(), e.getMessage());
          // The poll finds out what really happened (a card presented at the last moment is
          // charged and recorded).
          result.completeExceptionally(
              new PaymentProblem(409, "The payment could not be cancelled: " + e.getMessage()));
        });
    return result;
  }

  Payment cancelled(Payment p, String actor, String reason) {
    if (p.status().settled()) return p;
    Payment done = move(p, p.with(PaymentStatus.CANCELLED, reason, clock.now()), actor);
    if (done == null) return payments.find(p.id()).orElse(p);
    cases.addToTimeline(
        p.caseId(),
        "payment.cancelled",
        "Card payment of " + p.amount().display() + " cancelled: " + reason,
        actor,
        p.id());
    audit.record(actor, "payment.cancelled", p.caseId(), p.id(), reason);
    view.broadcast(done);
    return done;
  }

  void presentTestCard(Payment p, boolean approved, String ref, Runnable thenAskReader) {
    PaymentOrder order = work.order(p);
    work.other(
        () -> {
          reader.presentTestCard(order, approved);
          return p.id();
        },
        id -> thenAskReader.run(),
        e -> view.errorToKiosk(p.callId(), ErrorCode.CONFLICT, e.getMessage(), ref));
  }

  void emailReceipt(Payment p, String address, String actor) {
    String problem =
        p.receiptDocumentId() == null
            ? "The receipt is not ready yet. Try again in a moment."
            : ReceiptEmailer.problemWith(address);
    if (problem == null) problem = emailer.allowance(p, actor);
    if (problem != null) {
      view.receiptEmailed(p, false, problem, null);
      return;
    }
    String caseReference = work.caseReference(p.caseId());
    work.other(
        () -> {
          emailer.send(p, address, caseReference, actor);
          return address.strip();
        },
        sentTo -> view.receiptEmailed(p, true, null, sentTo),
        e -> {
          LOG.warn("Could not email the receipt of payment {}: {}", p.id(), e.toString());
          view.receiptEmailed(
              p,
              false,
              e instanceof Mailer.MailProblem
                  ? e.getMessage()
                  : "The email could not be sent. Please ask your advisor for a printed copy.",
              null);
        });
  }
}
