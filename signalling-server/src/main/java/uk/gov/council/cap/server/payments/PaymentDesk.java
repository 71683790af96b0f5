package uk.gov.council.cap.server.payments;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jdbi.v3.core.Jdbi;
import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.protocol.ErrorCode;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.cases.CaseRepository;
import uk.gov.council.cap.server.db.Ids;
import uk.gov.council.cap.server.incall.CallContext;
import uk.gov.council.cap.server.incall.CallContexts;
import uk.gov.council.cap.server.incall.InCallCapability;
import uk.gov.council.cap.server.staff.StaffMember;
import uk.gov.council.cap.server.threads.SerialThread;

/**
 * Card payments inside calls. The advisor asks, the resident chooses to pay, the kiosk's reader
 * takes the card.
 *
 * <p>Everything runs on the one "payments" thread; the reader's calls (Stripe over HTTP) run on the
 * reader pool and report back to it, so a slow reader never blocks another kiosk. The outcome comes
 * from asking the reader: every poll interval for each payment without a final status (also the
 * reconciliation after a restart or a lost webhook), and at once when a webhook says something
 * happened. A payment whose call has ended is cancelled on the reader unless a card is already
 * being processed, in which case the outcome is waited for and recorded. One payment per call at a
 * time, and idempotency keys on every reader request, mean nothing can be charged twice.
 */
public final class PaymentDesk implements InCallCapability, AutoCloseable {
  static final String CALL_ENDED = PaymentSettler.CALL_ENDED;

  /** Who and what a payment desk works with; the threads are made and named by the server. */
  public record Parts(
      PaymentRepository payments,
      CardReader reader,
      PaymentRules rules,
      PaymentCatalogue catalogue,
      ReceiptMaker receipts,
      ReceiptEmailer emailer,
      CaseRepository cases,
      CallContexts calls,
      AuditLog audit,
      Jdbi jdbi,
      Ids ids,
      Clock clock) {}

  private final Parts parts;
  private final SerialThread thread;
  private final ScheduledExecutorService timer;
  private final Duration pollInterval;
  private final Duration answerWait;
  private final ReaderWork work;
  private final PaymentView view;
  private final PaymentSteps steps;
  private final PaymentSettler settler;
  private ScheduledFuture<?> polling;

  public PaymentDesk(
      Parts parts,
      SerialThread thread,
      ExecutorService readerCalls,
      ScheduledExecutorService timer,
      Duration pollInterval,
      Duration answerWait) {
    this.parts = parts;
    this.thread = thread;
    this.timer = timer;
    this.pollInterval = pollInterval;
    this.answerWait = answerWait;
    this.work = new ReaderWork(thread, readerCalls, parts.cases());
    this.view = new PaymentView(parts.calls(), parts.reader());
    this.steps =
        new PaymentSteps(
            parts.payments(),
            parts.reader(),
            parts.emailer(),
            parts.cases(),
            parts.audit(),
            parts.clock(),
            work,
            view);
    this.settler =
        new PaymentSettler(
            parts.payments(),
            parts.reader(),
            parts.receipts(),
            parts.cases(),
            parts.audit(),
            parts.calls(),
            parts.jdbi(),
            parts.clock(),
            work,
            steps,
            view);
  }

  /**
   * Starts the poll and reconciliation loop; it runs once at once, to settle what a previous run
   * left.
   */
  public void start() {
    polling =
        timer.scheduleWithFixedDelay(this::poll, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One round of the poll, on the payments thread (the timer only says when). */
  void poll() {
    thread.execute(settler::settleUnsettled);
  }

  public boolean simulatedReader() {
    return parts.reader().simulated();
  }

  // ---- the advisor, through REST ----

  /** What the advisor asks for: a catalogue item, or an amount with a reason. */
  public record Request(String itemId, Long amountPence, String currency, String reason) {}

  public Payment request(String callId, Request in, StaffMember advisor) {
    return thread.ask(
        () -> {
          CallContext call = parts.calls().forAdvisor(callId, advisor, "take a payment");
          Payment p = new PaymentRequest(parts, call, in, advisor).make(parts.clock().now());
          view.broadcast(p);
          return p;
        });
  }

  /** The advisor cancels; waits for the reader so the advisor knows at once whether it worked. */
  public Payment cancelByAdvisor(String paymentId, StaffMember advisor) {
    CompletableFuture<Payment> done =
        thread.ask(
            () -> {
              Payment p =
                  parts
                      .payments()
                      .find(paymentId)
                      .orElseThrow(
                          () -> new PaymentProblem(404, "There is no payment with that id."));
              if (!p.requestedBy().equals(advisor.id()))
                throw new PaymentProblem(
                    403, "Only the advisor who asked for this payment can cancel it.");
              return steps.cancel(p, advisor.auditName(), "Cancelled by the advisor.");
            });
    try {
      return done.get(answerWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException | InterruptedException e) {
      if (e instanceof InterruptedException) Thread.currentThread().interrupt();
      throw new PaymentProblem(
          504, "The card reader did not answer. The payment will be settled automatically.");
    }
  }

  // ---- the kiosk, through the call desk (already on the payments thread) ----

  @Override
  public void onKiosk(CallContext ctx, Envelope msg) {
    Optional<Payment> found =
        parts.payments().find(msg.text("paymentId")).filter(p -> p.callId().equals(ctx.callId()));
    if (found.isEmpty()) {
      view.errorToKiosk(
          ctx.callId(),
          ErrorCode.NOT_YOUR_CALL,
          "That payment is not part of this call.",
          msg.id());
      return;
    }
    Payment p = found.get();
    String actor = "kiosk:" + ctx.kioskId();
    switch (msg.type()) {
      case PAYMENT_PAY -> steps.pay(p, actor, msg.id());
      case PAYMENT_CANCEL ->
          steps
              .cancel(p, actor, "Cancelled by the resident.")
              .exceptionally(
                  e -> {
                    view.broadcast(parts.payments().find(p.id()).orElse(p));
                    return null;
                  });
      case PAYMENT_TEST_CARD ->
          steps.presentTestCard(
              p, "approved".equals(msg.text("card")), msg.id(), () -> settler.askReader(p.id()));
      case PAYMENT_EMAIL_RECEIPT -> steps.emailReceipt(p, msg.text("email"), actor);
      default -> {}
    }
  }

  @Override
  public void onAdvisor(CallContext ctx, StaffMember advisor, Envelope msg) {
    // The advisor acts through REST; no payment message comes from the console.
  }

  @Override
  public void onCallEnded(CallContext ctx) {
    for (Payment p : parts.payments().unsettled()) {
      // PROCESSING: a card is in the reader; the poll records what the bank says.
      if (p.callId().equals(ctx.callId()) && p.status().cancellable()) {
        settler.cancelForCallEnded(p);
      }
    }
  }

  /**
   * One side of the call came back (a reloaded kiosk screen has forgotten the payment; a reloaded
   * console too): the payment in progress is sent to both again, so the resident sees the step they
   * were at and can still pay or cancel.
   */
  @Override
  public void onCallResumed(CallContext ctx) {
    parts.payments().unsettled().stream()
        .filter(p -> p.callId().equals(ctx.callId()))
        .forEach(view::broadcast);
  }

  /**
   * A webhook said something happened to this PaymentIntent: ask the reader now rather than at the
   * next poll.
   */
  public void nudge(String paymentIntentId) {
    thread.execute(
        () ->
            parts
                .payments()
                .findByIntent(paymentIntentId)
                .ifPresent(p -> settler.askReader(p.id())));
  }

  Map<String, Object> view(Payment p) {
    return view.of(p);
  }

  CardReader reader() {
    return parts.reader();
  }

  PaymentRepository payments() {
    return parts.payments();
  }

  /**
   * Stops the poll and drops reader answers from now on, before the call desk stops: a call that
   * only looks ended because the server is stopping must not cancel its payment. What is left
   * unsettled is settled by the poll on the next start.
   */
  @Override
  public void close() {
    if (polling != null) polling.cancel(false);
    try {
      thread.ask(
          () -> {
            work.stop();
            return null;
          });
    } catch (IllegalStateException e) {
      // The thread is already stopping: nothing more will run on it.
    }
  }

  @Override
  public String name() {
    return "payments";
  }

  @Override
  public SerialThread thread() {
    return thread;
  }

  @Override
  public Set<MessageType> kioskTypes() {
    return Set.of(
        MessageType.PAYMENT_PAY,
        MessageType.PAYMENT_CANCEL,
        MessageType.PAYMENT_TEST_CARD,
        MessageType.PAYMENT_EMAIL_RECEIPT);
  }
}
