package uk.gov.council.cap.server.payments;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import uk.gov.council.cap.server.Clock;

/**
 * The demo and training twin of a Stripe Terminal reader: it behaves like one (waits for a card,
 * takes a moment to process, approves or declines, can be cancelled until a card is presented) but
 * takes no money. Every screen that shows it says "simulated". The "card" is presented from the
 * kiosk's screen, as Stripe's test helpers do.
 */
public final class SimulatedCardReader implements CardReader {
  private enum State {
    WAITING,
    PROCESSING,
    DECLINED,
    CANCELLED
  }

  private record Intent(State state, boolean approve, Instant decidesAt) {}

  private final Clock clock;
  private final Duration processing;
  private final Map<String, Intent> intents = new ConcurrentHashMap<>();

  public SimulatedCardReader(Clock clock, Duration processing) {
    this.clock = clock;
    this.processing = processing;
  }

  @Override
  public ReaderCheck check(String readerId) {
    return new ReaderCheck(
        true, "Simulated card reader (demo and training: no money is taken)", "");
  }

  @Override
  public boolean simulated() {
    return true;
  }

  @Override
  public synchronized ReaderStarted start(PaymentOrder order, int attempt) {
    String id = intentId(order);
    intents.put(id, new Intent(State.WAITING, false, null));
    return new ReaderStarted(id, "in_progress");
  }

  @Override
  public synchronized Outcome outcome(PaymentOrder order, String paymentIntentId) {
    Intent intent = intents.get(paymentIntentId);
    // Forgotten on a restart: nothing was ever charged, so the honest answer is "cancelled".
    if (intent == null || intent.state() == State.CANCELLED) return new Outcome.Cancelled();
    if (intent.state() == State.WAITING) return new Outcome.Waiting();
    if (intent.state() == State.PROCESSING && clock.now().isBefore(intent.decidesAt()))
      return new Outcome.Processing();
    if (intent.approve()) return new Outcome.Succeeded(testCard());
    intents.put(paymentIntentId, new Intent(State.DECLINED, false, null));
    return new Outcome.Declined("The card was declined by the bank.");
  }

  @Override
  public synchronized void cancel(PaymentOrder order, String paymentIntentId) throws ReaderProblem {
    Intent intent = intents.get(paymentIntentId);
    if (intent != null && (intent.state() == State.PROCESSING || intent.approve())) {
      throw new ReaderProblem(
          "card_presented", "A card has been presented; wait for the result.", null);
    }
    intents.put(paymentIntentId, new Intent(State.CANCELLED, false, null));
  }

  @Override
  public String refund(String refundId, String paymentIntentId, Money amount) {
    return "re_simulated_" + refundId;
  }

  @Override
  public synchronized void presentTestCard(PaymentOrder order, boolean approved)
      throws ReaderProblem {
    String id = intentId(order);
    Intent intent = intents.get(id);
    if (intent == null || intent.state() != State.WAITING) {
      throw new ReaderProblem("not_waiting", "The card reader is not waiting for a card.", null);
    }
    intents.put(id, new Intent(State.PROCESSING, approved, clock.now().plus(processing)));
  }

  private static String intentId(PaymentOrder order) {
    return "pi_simulated_" + order.paymentId();
  }

  private static CardDetails testCard() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("Application", "VISA CREDIT");
    fields.put("AID", "A0000000031010");
    fields.put("Authorisation code", "SIM001");
    fields.put("Account type", "credit");
    fields.put("Method", "Contactless");
    fields.put("Reader", "Simulated card reader: demo and training only, no money was taken");
    return new CardDetails("Visa", "4242", fields);
  }
}
