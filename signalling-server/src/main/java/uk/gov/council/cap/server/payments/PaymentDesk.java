package uk.gov.council.cap.server.payments;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.protocol.ErrorCode;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.protocol.ProtocolCodec;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.artefacts.CaseDocument;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.cases.CaseRecord;
import uk.gov.council.cap.server.cases.CaseRepository;
import uk.gov.council.cap.server.db.Ids;
import uk.gov.council.cap.server.incall.CallContext;
import uk.gov.council.cap.server.incall.CallParties;
import uk.gov.council.cap.server.incall.CallPort;
import uk.gov.council.cap.server.incall.InCallCapability;
import uk.gov.council.cap.server.mail.Mailer;
import uk.gov.council.cap.server.staff.StaffMember;
import uk.gov.council.cap.server.threads.SerialThread;

/**
 * Card payments inside calls. The advisor asks, the resident chooses to pay, the kiosk's reader
 * takes the card.
 *
 * <p>Every change of a payment runs on the one "payments" thread; calls to the reader (Stripe over
 * HTTP) run on their own pool and report back to that thread, so a slow reader never blocks another
 * kiosk. The outcome comes from asking the reader: every {@code pollInterval} for each payment
 * without a final status (this loop is also the reconciliation: after a restart or a lost webhook
 * it finds what is unsettled and settles it), and at once when a webhook says something happened. A
 * payment whose call has ended is cancelled on the reader unless a card is already being processed,
 * in which case the outcome is waited for and recorded. One payment per call at a time, and
 * idempotency keys on every reader request, mean nothing can be charged twice.
 */
public final class PaymentDesk implements InCallCapability, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PaymentDesk.class);
  static final String CALL_ENDED =
      "The call ended before the payment was made. Nothing was charged.";

  private final Payments payments;
  private final CardReader reader;
  private final PaymentRules rules;
  private final PaymentCatalogue catalogue;
  private final ReceiptMaker receipts;
  private final ReceiptEmailer emailer;
  private final CaseRepository cases;
  private final CallPort desk;
  private final AuditLog audit;
  private final ProtocolCodec codec;
  private final org.jdbi.v3.core.Jdbi jdbi;
  private final Ids ids;
  private final Clock clock;
  private final Duration pollInterval;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(named("payments"));
  private final ExecutorService readerCalls = Executors.newFixedThreadPool(4, named("card-reader"));

  /** Payments with a reader request in flight; touched only on the payments thread. */
  private final Set<String> busy = new HashSet<>();

  public PaymentDesk(
      Payments payments,
      CardReader reader,
      PaymentRules rules,
      PaymentCatalogue catalogue,
      ReceiptMaker receipts,
      ReceiptEmailer emailer,
      CaseRepository cases,
      CallPort desk,
      AuditLog audit,
      ProtocolCodec codec,
      org.jdbi.v3.core.Jdbi jdbi,
      Ids ids,
      Clock clock,
      Duration pollInterval) {
    this.payments = payments;
    this.reader = reader;
    this.rules = rules;
    this.catalogue = catalogue;
    this.receipts = receipts;
    this.emailer = emailer;
    this.cases = cases;
    this.desk = desk;
    this.audit = audit;
    this.codec = codec;
    this.jdbi = jdbi;
    this.ids = ids;
    this.clock = clock;
    this.pollInterval = pollInterval;
  }

  /**
   * Starts the poll and reconciliation loop; it runs once at once, to settle what a previous run
   * left.
   */
  public void start() {
    thread.scheduleWithFixedDelay(
        () -> safely(this::settleUnsettled), 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  public boolean simulatedReader() {
    return reader.simulated();
  }

  // ---- the advisor, through REST ----

  /** What the advisor asks for: a catalogue item, or an amount with a reason. */
  public record Request(String itemId, Long amountPence, String currency, String reason) {}

  public Payment request(String callId, Request in, StaffMember advisor) {
    return onThread(
        () -> {
          CallParties call =
              desk.callInProgress(callId)
                  .orElseThrow(
                      () ->
                          new PaymentProblem(
                              409,
                              "This call is not in progress, so the kiosk cannot take a payment."));
          if (!call.advisorId().equals(advisor.id()))
            throw new PaymentProblem(403, "Only the advisor in this call can do that.");
          if (payments.unsettled().stream().anyMatch(p -> p.callId().equals(callId))) {
            throw new PaymentProblem(
                409,
                "A payment is already in progress in this call. Wait for it to finish, or cancel it.");
          }
          PaymentCatalogue.Item item = null;
          Money amount;
          String description;
          if (in.itemId() != null && !in.itemId().isBlank()) {
            item =
                catalogue
                    .find(in.itemId())
                    .orElseThrow(() -> new PaymentProblem(400, "Choose an item from the list."));
            amount = rules.check(item.pence(), in.currency());
            description = item.label();
          } else {
            amount = rules.check(in.amountPence(), in.currency());
            if (in.reason() == null || in.reason().isBlank())
              throw new PaymentProblem(400, "Enter what the payment is for.");
            if (in.reason().length() > 200)
              throw new PaymentProblem(
                  400, "What the payment is for must be 200 characters or fewer.");
            description = in.reason().strip();
          }
          String readerId =
              reader.simulated()
                  ? "simulated-" + call.kioskId()
                  : payments
                      .readerOfKiosk(call.kioskId())
                      .orElseThrow(
                          () ->
                              new PaymentProblem(
                                  409,
                                  "This kiosk has no card reader registered. A technician can register one on the kiosk's page."));
          String caseId = currentCaseId(call.caseId());
          Instant now = clock.now();
          Payment p =
              new Payment(
                  ids.newId(),
                  caseId,
                  callId,
                  call.kioskId(),
                  readerId,
                  amount,
                  item == null ? null : item.id(),
                  description,
                  item == null ? null : item.fundCode(),
                  item == null ? null : item.vatCode(),
                  PaymentStatus.REQUESTED,
                  0,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  advisor.id(),
                  advisor.displayName(),
                  now,
                  now);
          jdbi.useTransaction(
              h -> {
                payments.insert(h, p, advisor.auditName());
                cases.addToTimeline(
                    h,
                    caseId,
                    "payment.requested",
                    "Card payment of " + amount.display() + " requested: " + description,
                    advisor.auditName(),
                    p.id());
              });
          audit.record(
              advisor.auditName(),
              "payment.requested",
              caseId,
              p.id(),
              amount.pence()
                  + " pence "
                  + description
                  + (item == null ? "" : " item=" + item.id()));
          broadcast(p);
          return p;
        });
  }

  /** The advisor cancels; waits for the reader so the advisor knows at once whether it worked. */
  public Payment cancelByAdvisor(String paymentId, StaffMember advisor) {
    CompletableFuture<Payment> done =
        onThread(
            () -> {
              Payment p =
                  payments
                      .find(paymentId)
                      .orElseThrow(
                          () -> new PaymentProblem(404, "There is no payment with that id."));
              if (!p.requestedBy().equals(advisor.id()))
                throw new PaymentProblem(
                    403, "Only the advisor who asked for this payment can cancel it.");
              return cancel(p, advisor.auditName(), "Cancelled by the advisor.");
            });
    try {
      return done.get(40, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new PaymentProblem(
          504, "The card reader did not answer. The payment will be settled automatically.");
    }
  }

  // ---- the kiosk, through the call desk ----

  @Override
  public void onKiosk(CallContext ctx, Envelope msg) {
    CallParties call = ctx.parties();
    later(
        () -> {
          String paymentId = msg.text("paymentId");
          Optional<Payment> found =
              payments.find(paymentId).filter(p -> p.callId().equals(call.callId()));
          if (found.isEmpty()) {
            desk.sendToCall(
                call.callId(),
                codec.error(
                    ErrorCode.NOT_YOUR_CALL, "That payment is not part of this call.", msg.id()),
                true,
                false);
            return;
          }
          Payment p = found.get();
          String actor = "kiosk:" + call.kioskId();
          switch (msg.type()) {
            case PAYMENT_PAY -> pay(p, actor, msg.id());
            case PAYMENT_CANCEL ->
                cancel(p, actor, "Cancelled by the resident.")
                    .exceptionally(
                        e -> {
                          broadcast(payments.find(p.id()).orElse(p));
                          return null;
                        });
            case PAYMENT_TEST_CARD ->
                presentTestCard(p, "approved".equals(msg.text("card")), msg.id());
            case PAYMENT_EMAIL_RECEIPT -> emailReceipt(p, msg.text("email"), actor);
            default -> {}
          }
        });
  }

  @Override
  public void onAdvisor(CallContext ctx, StaffMember advisor, Envelope msg) {
    CallParties call = ctx.parties();
    // The advisor acts through REST; no payment message comes from the console.
  }

  @Override
  public void onCallEnded(CallContext ctx) {
    CallParties call = ctx.parties();
    later(
        () ->
            payments.unsettled().stream()
                .filter(p -> p.callId().equals(call.callId()))
                .forEach(
                    p -> {
                      if (p.status().cancellable()) {
                        cancel(p, "system", CALL_ENDED).exceptionally(e -> null);
                      }
                      // PROCESSING: a card is in the reader; the poll records what the bank says.
                    }));
  }

  /**
   * One side of the call came back (a reloaded kiosk screen has forgotten the payment; a reloaded
   * console too): the payment in progress is sent to both again, so the resident sees the step they
   * were at and can still pay or cancel.
   */
  @Override
  public void onCallResumed(CallContext ctx) {
    CallParties call = ctx.parties();
    later(
        () ->
            payments.unsettled().stream()
                .filter(p -> p.callId().equals(call.callId()))
                .forEach(this::broadcast));
  }

  // ---- the steps ----

  private void pay(Payment p, String actor, String ref) {
    if (busy.contains(p.id())) return; // a second press while the reader is being started
    if (!p.status().payable()) {
      desk.sendToCall(
          p.callId(),
          codec.error(
              ErrorCode.CONFLICT,
              "This payment cannot be paid now: " + p.status().words() + ".",
              ref),
          true,
          false);
      return;
    }
    Payment attempt = p.nextAttempt(clock.now());
    payments.update(attempt, actor, false);
    String caseReference = caseReference(p.caseId());
    busy.add(p.id());
    readerCalls.execute(
        () -> {
          try {
            CardReader.ReaderStarted started =
                reader.start(attempt.order(caseReference), attempt.attempt());
            thread.execute(() -> safely(() -> readerStarted(p.id(), started, actor)));
          } catch (CardReader.ReaderProblem e) {
            thread.execute(() -> safely(() -> readerProblem(p.id(), e, actor)));
          } catch (RuntimeException e) {
            LOG.error("Card reader failed to start payment {}", p.id(), e);
            thread.execute(
                () ->
                    safely(
                        () ->
                            readerProblem(
                                p.id(),
                                new CardReader.ReaderProblem(
                                    "internal",
                                    "The card reader could not be started. Nothing was charged; try again.",
                                    e),
                                actor)));
          }
        });
  }

  private void readerStarted(String paymentId, CardReader.ReaderStarted started, String actor) {
    busy.remove(paymentId);
    Payment p = payments.find(paymentId).orElseThrow();
    Payment waiting = p.started(started.paymentIntentId(), clock.now());
    payments.update(waiting, actor, true);
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
    broadcast(waiting);
  }

  private void readerProblem(String paymentId, CardReader.ReaderProblem e, String actor) {
    busy.remove(paymentId);
    Payment p = payments.find(paymentId).orElseThrow();
    Payment problem = p.with(PaymentStatus.READER_PROBLEM, e.getMessage(), clock.now());
    payments.update(problem, actor, true);
    audit.record(actor, "payment.reader_problem", p.caseId(), p.id(), e.code());
    broadcast(problem);
  }

  /**
   * Cancels on the reader if it was started, then records CANCELLED. Completes with the payment as
   * it ends up.
   */
  private CompletableFuture<Payment> cancel(Payment p, String actor, String reason) {
    CompletableFuture<Payment> result = new CompletableFuture<>();
    if (busy.contains(p.id())) {
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
    busy.add(p.id());
    String caseReference = caseReference(p.caseId());
    readerCalls.execute(
        () -> {
          try {
            reader.cancel(p.order(caseReference), p.paymentIntentId());
            thread.execute(
                () ->
                    safely(
                        () -> {
                          busy.remove(p.id());
                          result.complete(
                              cancelled(payments.find(p.id()).orElseThrow(), actor, reason));
                        }));
          } catch (CardReader.ReaderProblem | RuntimeException e) {
            thread.execute(
                () ->
                    safely(
                        () -> {
                          busy.remove(p.id());
                          LOG.warn(
                              "Could not cancel payment {} on the reader: {}",
                              p.id(),
                              e.getMessage());
                          audit.record(
                              actor, "payment.cancel_refused", p.caseId(), p.id(), e.getMessage());
                          // The poll finds out what really happened (a card presented at the last
                          // moment is charged and recorded).
                          result.completeExceptionally(
                              new PaymentProblem(
                                  409, "The payment could not be cancelled: " + e.getMessage()));
                        }));
          }
        });
    return result;
  }

  private Payment cancelled(Payment p, String actor, String reason) {
    if (p.status().settled()) return p;
    Payment done = p.with(PaymentStatus.CANCELLED, reason, clock.now());
    payments.update(done, actor, true);
    cases.addToTimeline(
        p.caseId(),
        "payment.cancelled",
        "Card payment of " + p.amount().display() + " cancelled: " + reason,
        actor,
        p.id());
    audit.record(actor, "payment.cancelled", p.caseId(), p.id(), reason);
    broadcast(done);
    return done;
  }

  private void presentTestCard(Payment p, boolean approved, String ref) {
    String caseReference = caseReference(p.caseId());
    readerCalls.execute(
        () -> {
          try {
            reader.presentTestCard(p.order(caseReference), approved);
            thread.execute(() -> safely(() -> askReader(p.id())));
          } catch (CardReader.ReaderProblem e) {
            desk.sendToCall(
                p.callId(), codec.error(ErrorCode.CONFLICT, e.getMessage(), ref), true, false);
          }
        });
  }

  private void emailReceipt(Payment p, String address, String actor) {
    String problem =
        p.receiptDocumentId() == null
            ? "The receipt is not ready yet. Try again in a moment."
            : ReceiptEmailer.problemWith(address);
    if (problem == null) problem = emailer.allowance(p, actor);
    if (problem != null) {
      receiptEmailed(p, false, problem, null);
      return;
    }
    String caseReference = caseReference(p.caseId());
    readerCalls.execute(
        () -> {
          try {
            emailer.send(p, address, caseReference, actor);
            receiptEmailed(p, true, null, address.strip());
          } catch (Mailer.MailProblem | RuntimeException e) {
            LOG.warn("Could not email the receipt of payment {}: {}", p.id(), e.toString());
            receiptEmailed(
                p,
                false,
                e instanceof Mailer.MailProblem
                    ? e.getMessage()
                    : "The email could not be sent. Please ask your advisor for a printed copy.",
                null);
          }
        });
  }

  private void receiptEmailed(Payment p, boolean ok, String message, String sentTo) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("paymentId", p.id());
    m.put("ok", ok);
    if (message != null) m.put("message", message);
    if (sentTo != null) m.put("sentTo", sentTo);
    desk.sendToCall(p.callId(), codec.encode(MessageType.PAYMENT_RECEIPT_EMAILED, m), true, false);
  }

  // ---- settling: the poll, webhooks and reconciliation ----

  /**
   * Asks the reader about every payment without a final status, and cancels those whose call has
   * gone.
   */
  void settleUnsettled() {
    for (Payment p : payments.unsettled()) {
      if (busy.contains(p.id())) continue;
      if (p.status() == PaymentStatus.WAITING_FOR_CARD || p.status() == PaymentStatus.PROCESSING) {
        askReader(p.id());
      } else if (desk.callInProgress(p.callId()).isEmpty()) {
        cancel(p, "system", CALL_ENDED).exceptionally(e -> null);
      }
    }
  }

  /**
   * A webhook said something happened to this PaymentIntent: ask the reader now rather than at the
   * next poll.
   */
  public void nudge(String paymentIntentId) {
    later(() -> payments.findByIntent(paymentIntentId).ifPresent(p -> askReader(p.id())));
  }

  private void askReader(String paymentId) {
    if (busy.contains(paymentId)) return;
    Payment p = payments.find(paymentId).orElseThrow();
    if (p.status().settled() || p.paymentIntentId() == null) return;
    busy.add(paymentId);
    String caseReference = caseReference(p.caseId());
    readerCalls.execute(
        () -> {
          try {
            CardReader.Outcome outcome =
                reader.outcome(p.order(caseReference), p.paymentIntentId());
            thread.execute(() -> safely(() -> apply(paymentId, outcome, caseReference)));
          } catch (CardReader.ReaderProblem | RuntimeException e) {
            // Stripe unreachable: the payment stays as it is and the next poll asks again.
            LOG.warn("Could not ask the reader about payment {}: {}", paymentId, e.getMessage());
            thread.execute(() -> busy.remove(paymentId));
          }
        });
  }

  private void apply(String paymentId, CardReader.Outcome outcome, String caseReference) {
    busy.remove(paymentId);
    Payment p = payments.find(paymentId).orElseThrow();
    if (p.status().settled()) return;
    String actor = "card-reader:" + p.readerId();
    boolean callGone = desk.callInProgress(p.callId()).isEmpty();
    if (outcome instanceof CardReader.Outcome.Waiting) {
      if (callGone) cancel(p, "system", CALL_ENDED).exceptionally(e -> null);
    } else if (outcome instanceof CardReader.Outcome.Processing) {
      if (p.status() != PaymentStatus.PROCESSING)
        change(p.with(PaymentStatus.PROCESSING, null, clock.now()), actor);
    } else if (outcome instanceof CardReader.Outcome.Succeeded s) {
      succeeded(p, s.card(), caseReference, actor);
    } else if (outcome instanceof CardReader.Outcome.Declined d) {
      Payment declined = change(p.with(PaymentStatus.DECLINED, d.message(), clock.now()), actor);
      audit.record(actor, "payment.declined", p.caseId(), p.id(), d.message());
      if (callGone) cancel(declined, "system", CALL_ENDED).exceptionally(e -> null);
    } else if (outcome instanceof CardReader.Outcome.Cancelled) {
      cancelled(p, actor, "Cancelled on the card reader.");
    } else if (outcome instanceof CardReader.Outcome.Lost l) {
      change(p.with(PaymentStatus.READER_PROBLEM, l.message(), clock.now()), actor);
    }
  }

  private Payment change(Payment p, String actor) {
    payments.update(p, actor, true);
    broadcast(p);
    return p;
  }

  private void succeeded(
      Payment p, CardReader.CardDetails card, String caseReference, String actor) {
    Instant paidAt = clock.now();
    Payment paid = p.succeeded(card, paidAt);
    payments.update(paid, actor, true);
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
    broadcast(paid);
    readerCalls.execute(
        () -> {
          CaseDocument doc = null;
          try {
            doc = receipts.make(paid, caseReference, reader.simulated(), paidAt);
            CaseDocument stored = doc;
            jdbi.useTransaction(
                h -> {
                  receipts.record(h, stored);
                  cases.addToTimeline(
                      h,
                      p.caseId(),
                      "payment.receipt",
                      "Receipt for " + p.amount().display() + " stored",
                      "system:payments",
                      stored.id());
                });
            thread.execute(
                () ->
                    safely(
                        () -> {
                          Payment withReceipt =
                              payments.find(p.id()).orElseThrow().withReceipt(stored.id());
                          payments.update(withReceipt, "system:payments", false);
                          broadcast(withReceipt);
                        }));
          } catch (Exception e) {
            // The payment stands; only its receipt is missing, and the case page can make it again.
            LOG.error("Could not make the receipt for payment {}", p.id(), e);
            if (doc != null) receipts.discard(doc);
          }
        });
  }

  // ---- messages and helpers ----

  /**
   * The payment as both screens see it: to the kiosk while its call lasts, and to the advisor who
   * asked.
   */
  private void broadcast(Payment p) {
    Map<String, Object> m = view(p);
    String frame = codec.encode(MessageType.PAYMENT_UPDATED, m);
    desk.sendToCall(p.callId(), frame, true, false);
    desk.sendToAdvisor(p.requestedBy(), frame);
  }

  Map<String, Object> view(Payment p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("paymentId", p.id());
    m.put("status", p.status().name());
    m.put("statusText", p.status().words());
    m.put("amount", p.amount().pence());
    m.put("amountText", p.amount().display());
    m.put("description", p.description());
    if (p.message() != null) m.put("message", p.message());
    if (p.cardBrand() != null) m.put("cardBrand", p.cardBrand());
    if (p.cardLast4() != null) m.put("cardLast4", p.cardLast4());
    if (p.receiptDocumentId() != null) m.put("receiptDocumentId", p.receiptDocumentId());
    m.put("simulatedReader", reader.simulated());
    m.put("testCards", reader.acceptsTestCards());
    return m;
  }

  private String currentCaseId(String caseId) {
    CaseRecord theCase = cases.find(caseId).orElseThrow();
    return theCase.mergedInto() != null ? theCase.mergedInto() : theCase.id();
  }

  private String caseReference(String caseId) {
    return cases.find(caseId).map(CaseRecord::reference).orElse(caseId);
  }

  CardReader reader() {
    return reader;
  }

  Payments payments() {
    return payments;
  }

  private <T> T onThread(Callable<T> task) {
    try {
      return thread.submit(task).get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException("The payments desk did not answer", e);
    }
  }

  /**
   * Runs on the payments thread; during shutdown the work is dropped (the reconciliation on the
   * next start settles it).
   */
  private void later(Runnable task) {
    try {
      thread.execute(() -> safely(task));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.info("Payments desk is stopping; left for reconciliation at the next start");
    }
  }

  private static void safely(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.error("Payment task failed; the payments desk carries on", e);
    }
  }

  private static ThreadFactory named(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    // Reader calls finish first and hand their results to the payments thread, which stops last.
    readerCalls.shutdown();
    try {
      readerCalls.awaitTermination(10, TimeUnit.SECONDS);
      thread.shutdown();
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // Transitional (ADR 0034 migration): this desk still hands work to its own threads, so the router
  // calls it inline on the call desk's thread, as before.
  private final SerialThread dispatch = SerialThread.inline("payments");

  @Override
  public String name() {
    return "payments";
  }

  @Override
  public SerialThread thread() {
    return dispatch;
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
