package uk.gov.council.cap.server.payments;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.cases.CaseRepository;
import uk.gov.council.cap.server.db.Ids;
import uk.gov.council.cap.server.staff.StaffMember;
import uk.gov.council.cap.server.threads.SerialThread;

/**
 * Refunds, by a supervisor, in full or in part, with a reason. A refund is recorded as PENDING
 * before Stripe is asked, so it counts against what is left to refund even if the answer is lost; a
 * PENDING refund is asked for again with the same idempotency key until Stripe answers, so money is
 * never given back twice.
 *
 * <p>Checking what is left and recording the pending refund run on the one refunds thread, so two
 * supervisors cannot both refund the last pound; Stripe is asked on the card reader's pool, so no
 * lock or thread is held while it answers. A retry and a request hearing from Stripe for the same
 * refund both try to settle it; the repository's guarded transition lets only the first through.
 */
public final class RefundDesk implements AutoCloseable {
  private final PaymentRepository payments;
  private final RefundRepository refunds;
  private final CardReader reader;
  private final PaymentRules rules;
  private final RefundRecorder recorder;
  private final Ids ids;
  private final Clock clock;
  private final SerialThread thread;
  private final ExecutorService readerCalls;
  private final ScheduledExecutorService timer;
  private final Duration answerWait;
  private ScheduledFuture<?> retrying;

  public RefundDesk(
      PaymentRepository payments,
      RefundRepository refunds,
      CardReader reader,
      PaymentRules rules,
      CaseRepository cases,
      AuditLog audit,
      Ids ids,
      Clock clock,
      SerialThread thread,
      ExecutorService readerCalls,
      ScheduledExecutorService timer,
      Duration answerWait) {
    this.payments = payments;
    this.refunds = refunds;
    this.reader = reader;
    this.rules = rules;
    this.recorder = new RefundRecorder(refunds, cases, audit);
    this.ids = ids;
    this.clock = clock;
    this.thread = thread;
    this.readerCalls = readerCalls;
    this.timer = timer;
    this.answerWait = answerWait;
  }

  public void start(Duration retryEvery) {
    retrying =
        timer.scheduleWithFixedDelay(
            () -> thread.execute(this::retryPending),
            retryEvery.toMillis(),
            retryEvery.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  /** Asks Stripe for the refund and waits for its answer, so the supervisor knows at once. */
  public Refund refund(String paymentId, Long pence, String reason, StaffMember supervisor) {
    CompletableFuture<Refund> answer =
        thread.ask(() -> ask(record(paymentId, pence, reason, supervisor), true));
    try {
      return answer.get(answerWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw stripeUnreachable();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw stripeUnreachable();
    }
  }

  private Refund record(String paymentId, Long pence, String reason, StaffMember supervisor) {
    Payment p =
        payments
            .find(paymentId)
            .orElseThrow(() -> new PaymentProblem(404, "There is no payment with that id."));
    if (p.status() != PaymentStatus.SUCCEEDED)
      throw new PaymentProblem(409, "Only a payment that went through can be refunded.");
    if (reason == null || reason.isBlank())
      throw new PaymentProblem(400, "Enter the reason for the refund.");
    if (reason.length() > 500)
      throw new PaymentProblem(400, "The reason must be 500 characters or fewer.");
    long left = p.amount().pence() - refunds.countedPence(paymentId);
    if (left <= 0) throw new PaymentProblem(409, "This payment has already been refunded in full.");
    Money amount = pence == null ? new Money(left) : rules.check(pence, null);
    if (amount.pence() > left)
      throw new PaymentProblem(400, "You can refund up to " + new Money(left).display() + ".");
    Refund pending =
        new Refund(
            ids.newId(),
            p.id(),
            amount,
            reason.strip(),
            null,
            RefundStatus.PENDING,
            supervisor.auditName(),
            clock.now());
    refunds.insert(pending);
    recorder.requested(p, pending);
    return pending;
  }

  /** Asks Stripe on the pool; the answer is recorded back on this desk's thread. */
  private CompletableFuture<Refund> ask(Refund pending, boolean tellCaller) {
    CompletableFuture<Refund> answer = new CompletableFuture<>();
    Payment p = payments.find(pending.paymentId()).orElseThrow();
    thread.afterBlocking(
        readerCalls,
        () -> reader.refund(pending.id(), p.paymentIntentId(), pending.amount()),
        stripeRefundId -> answer.complete(recorder.succeeded(p, pending, stripeRefundId)),
        e -> {
          if (e instanceof CardReader.ReaderProblem problem
              && !StripeTerminalReader.UNREACHABLE.equals(problem.code())) {
            recorder.failed(p, pending, problem.code());
            answer.completeExceptionally(
                new PaymentProblem(409, "The refund was refused: " + problem.getMessage()));
          } else if (tellCaller) {
            answer.completeExceptionally(stripeUnreachable());
          } else {
            answer.complete(pending);
          }
        });
    return answer;
  }

  private static PaymentProblem stripeUnreachable() {
    return new PaymentProblem(
        502,
        "Stripe could not be reached. The refund is recorded as pending and will be "
            + "tried again automatically; do not refund it again.");
  }

  /** Runs on the refunds thread: asks again about every refund Stripe has not answered. */
  void retryPending() {
    for (Refund r : refunds.pending()) ask(r, false);
  }

  @Override
  public void close() {
    if (retrying != null) retrying.cancel(false);
  }
}
