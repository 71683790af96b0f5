package uk.gov.council.cap.server.payments;

import java.util.Map;

/**
 * A card reader driven from the server (Stripe Terminal's server-driven integration). Card data
 * never passes through this software: the reader talks to the card and to Stripe; we only see
 * outcomes.
 */
public interface CardReader {
  /** "simulated" readers are labelled on every screen; they take no money. */
  boolean simulated();

  /**
   * Creates the payment (once, however often this is called for the same order) and hands it to the
   * reader, which then waits for the card. {@code attempt} counts card attempts: a new card after a
   * decline is a new attempt.
   */
  ReaderStarted start(PaymentOrder order, int attempt) throws ReaderProblem;

  /**
   * What has happened to the payment since it was started: the source of truth, asked by polling
   * and on webhooks.
   */
  Outcome outcome(PaymentOrder order, String paymentIntentId) throws ReaderProblem;

  /** Stops the reader waiting and cancels the payment, so it can no longer be charged. */
  void cancel(PaymentOrder order, String paymentIntentId) throws ReaderProblem;

  /** Refunds part or all of a succeeded payment; {@code refundId} is ours and keys the request. */
  String refund(String refundId, String paymentIntentId, Money amount) throws ReaderProblem;

  /**
   * Whether test cards can be presented from the kiosk's screen: the simulated reader, or Stripe in
   * test mode.
   */
  default boolean acceptsTestCards() {
    return simulated();
  }

  /**
   * Demo and test mode only: presents a test card to the reader, as a resident would tap theirs.
   */
  void presentTestCard(PaymentOrder order, boolean approved) throws ReaderProblem;

  /**
   * Whether the reader is switched on and reachable, for the kiosk's self-test; the words say what
   * to do if not.
   */
  ReaderCheck check(String readerId);

  record ReaderCheck(boolean passed, String detail, String fix) {}

  record ReaderStarted(String paymentIntentId, String readerActionStatus) {}

  /**
   * Brand, last four digits, and the EMV fields a receipt must show. Nothing more of the card ever
   * arrives.
   */
  record CardDetails(String brand, String last4, Map<String, String> receiptFields) {}

  sealed interface Outcome {
    record Waiting() implements Outcome {}

    record Processing() implements Outcome {}

    record Succeeded(CardDetails card) implements Outcome {}

    record Declined(String message) implements Outcome {}

    record Cancelled() implements Outcome {}

    /**
     * The reader stopped waiting without an outcome (rebooted, timed out): the payment can be tried
     * again.
     */
    record Lost(String message) implements Outcome {}
  }

  /** The reader or Stripe refused or could not be reached, in words an advisor can act on. */
  final class ReaderProblem extends Exception {
    private final String code;

    public ReaderProblem(String code, String message, Throwable cause) {
      super(message, cause);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }
}
