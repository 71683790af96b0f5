package uk.gov.council.cap.server.payments;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import uk.gov.council.cap.server.cases.CaseRecord;
import uk.gov.council.cap.server.cases.CaseRepository;
import uk.gov.council.cap.server.threads.SerialThread;

/**
 * Calls to the card reader, which block on Stripe over HTTP: each runs on the reader pool and its
 * answer comes back to the payments thread. At most one call per payment is in flight, so a second
 * press of "Pay" cannot hand the reader the same payment twice; that one-per-payment record is the
 * only in-memory state, and only the payments thread touches it. Once stopping, answers are
 * dropped: the payment stays as the database has it and the poll settles it on the next start.
 */
final class ReaderWork {
  private final SerialThread thread;
  private final ExecutorService pool;
  private final CaseRepository cases;
  private final Set<String> changing = new HashSet<>();
  private final Set<String> asking = new HashSet<>();
  private boolean stopping;

  ReaderWork(SerialThread thread, ExecutorService pool, CaseRepository cases) {
    this.thread = thread;
    this.pool = pool;
    this.cases = cases;
  }

  /** A start or a cancel of this payment is with the reader. */
  boolean changing(String paymentId) {
    return changing.contains(paymentId);
  }

  /** Anything about this payment is with the reader. */
  boolean busy(String paymentId) {
    return changing.contains(paymentId) || asking.contains(paymentId);
  }

  boolean stopping() {
    return stopping;
  }

  void stop() {
    stopping = true;
  }

  /**
   * Starts or cancels this payment on the reader (on the pool), then {@code then} or {@code failed}
   * here.
   */
  <T> void change(
      String paymentId, Callable<T> call, Consumer<T> then, Consumer<Exception> failed) {
    call(changing, paymentId, call, then, failed);
  }

  /** Asks the reader about this payment (on the pool), then {@code then} or {@code failed} here. */
  <T> void ask(String paymentId, Callable<T> call, Consumer<T> then, Consumer<Exception> failed) {
    call(asking, paymentId, call, then, failed);
  }

  private <T> void call(
      Set<String> inFlight,
      String paymentId,
      Callable<T> call,
      Consumer<T> then,
      Consumer<Exception> failed) {
    inFlight.add(paymentId);
    thread.afterBlocking(
        pool,
        call,
        result -> {
          inFlight.remove(paymentId);
          if (!stopping) then.accept(result);
        },
        e -> {
          inFlight.remove(paymentId);
          if (!stopping) failed.accept(e);
        });
  }

  /** Blocking work that is not a reader call on a payment (a receipt, an email). */
  <T> void other(Callable<T> work, Consumer<T> then, Consumer<Exception> failed) {
    thread.afterBlocking(pool, work, then, failed);
  }

  /** The payment as the reader is told of it, with the case's reference for the statement. */
  PaymentOrder order(Payment p) {
    return p.order(cases.find(p.caseId()).map(CaseRecord::reference).orElse(p.caseId()));
  }

  String caseReference(String caseId) {
    return cases.find(caseId).map(CaseRecord::reference).orElse(caseId);
  }
}
