package uk.gov.council.cap.server.payments;

/**
 * A card reader driven from the server (Stripe Terminal's server-driven integration). Card data never passes
 * through this software: the reader talks to the card and to Stripe; we only see outcomes.
 */
public interface CardReader {
  /** Creates the payment and hands it to the reader, which then waits for the card. */
  ReaderStarted start(PaymentOrder order) throws ReaderProblem;

  /** Cancels what the reader is doing (before a card is presented). */
  void cancel(PaymentOrder order) throws ReaderProblem;

  record ReaderStarted(String paymentIntentId, String readerActionStatus) {}

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
