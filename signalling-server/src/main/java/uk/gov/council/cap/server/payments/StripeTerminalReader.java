package uk.gov.council.cap.server.payments;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.terminal.Reader;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentRetrieveParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.terminal.ReaderPresentPaymentMethodParams;
import com.stripe.param.terminal.ReaderProcessPaymentIntentParams;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stripe Terminal, server-driven, through the official SDK: a {@code card_present} PaymentIntent,
 * then {@code process_payment_intent} on the kiosk's registered reader. Each call carries an
 * idempotency key derived from our payment id, so a retry after a timeout or a restart returns the
 * same PaymentIntent instead of a new one.
 */
public final class StripeTerminalReader implements CardReader {
  static final String APPROVED_TEST_CARD = "4242424242424242";
  static final String DECLINED_TEST_CARD = "4000000000000002";

  /**
   * The problem code when Stripe could not be reached at all: the request may or may not have
   * arrived.
   */
  public static final String UNREACHABLE = "stripe_unreachable";

  private final StripeClient stripe;
  private final boolean testMode;

  /**
   * @param apiBase Stripe's API by default; tests point it at a local fake that checks what it
   *     receives
   */
  public StripeTerminalReader(String secretKey, String apiBase) {
    this.stripe =
        StripeClient.builder()
            .setApiKey(secretKey)
            .setApiBase(apiBase)
            .setMaxNetworkRetries(2)
            .setConnectTimeout(10_000)
            .setReadTimeout(30_000)
            .build();
    this.testMode = secretKey.startsWith("sk_test_") || secretKey.startsWith("rk_test_");
  }

  @Override
  public ReaderCheck check(String readerId) {
    try {
      Reader reader = stripe.v1().terminal().readers().retrieve(readerId);
      if ("online".equals(reader.getStatus())) {
        return new ReaderCheck(
            true, "Card reader " + reader.getLabel() + " (" + readerId + ") is online", "");
      }
      return new ReaderCheck(
          false,
          "Stripe says the card reader " + readerId + " is offline",
          "Check the reader is switched on, charged and connected to the kiosk's network.");
    } catch (StripeException e) {
      return new ReaderCheck(
          false,
          "Stripe could not be asked about the card reader: " + e.getMessage(),
          "Check the reader's id on the fleet page, and that the server can reach Stripe.");
    }
  }

  @Override
  public boolean simulated() {
    return false;
  }

  /** With a test-mode key, Stripe's simulated reader takes test cards through its test helpers. */
  @Override
  public boolean acceptsTestCards() {
    return testMode;
  }

  @Override
  public ReaderStarted start(PaymentOrder order, int attempt) throws ReaderProblem {
    try {
      PaymentIntent intent =
          stripe
              .v1()
              .paymentIntents()
              .create(
                  PaymentIntentCreateParams.builder()
                      .setAmount(order.amount().pence())
                      .setCurrency(Money.CURRENCY)
                      .addPaymentMethodType("card_present")
                      .setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.AUTOMATIC)
                      .setDescription(order.description())
                      .putMetadata("cap_payment_id", order.paymentId())
                      .putMetadata("case_reference", order.caseReference())
                      .putMetadata("fund_code", order.fundCode() == null ? "" : order.fundCode())
                      .putMetadata("vat_code", order.vatCode() == null ? "" : order.vatCode())
                      .build(),
                  key(order, "create"));
      Reader reader =
          stripe
              .v1()
              .terminal()
              .readers()
              .processPaymentIntent(
                  order.readerId(),
                  ReaderProcessPaymentIntentParams.builder()
                      .setPaymentIntent(intent.getId())
                      .build(),
                  key(order, attempt == 1 ? "process" : "process-" + attempt));
      String status = reader.getAction() == null ? "unknown" : reader.getAction().getStatus();
      return new ReaderStarted(intent.getId(), status);
    } catch (StripeException e) {
      throw problem(e);
    }
  }

  @Override
  public Outcome outcome(PaymentOrder order, String paymentIntentId) throws ReaderProblem {
    try {
      Reader reader = stripe.v1().terminal().readers().retrieve(order.readerId());
      Reader.Action action = reader.getAction();
      boolean ours =
          action != null
              && action.getProcessPaymentIntent() != null
              && paymentIntentId.equals(action.getProcessPaymentIntent().getPaymentIntent());
      if (ours && "in_progress".equals(action.getStatus())) return new Outcome.Waiting();
      if (ours && "failed".equals(action.getStatus())) {
        return new Outcome.Declined(declineWords(action.getFailureCode()));
      }
      PaymentIntent intent =
          stripe
              .v1()
              .paymentIntents()
              .retrieve(
                  paymentIntentId,
                  PaymentIntentRetrieveParams.builder().addExpand("latest_charge").build());
      return switch (intent.getStatus()) {
        case "succeeded" -> new Outcome.Succeeded(cardOf(intent.getLatestChargeObject()));
        case "canceled" -> new Outcome.Cancelled();
        case "processing", "requires_capture" -> new Outcome.Processing();
        default ->
            intent.getLastPaymentError() != null
                ? new Outcome.Declined(
                    declineWords(
                        intent.getLastPaymentError().getDeclineCode() != null
                            ? intent.getLastPaymentError().getDeclineCode()
                            : intent.getLastPaymentError().getCode()))
                : new Outcome.Lost("The card reader stopped waiting for the card.");
      };
    } catch (StripeException e) {
      throw problem(e);
    }
  }

  @Override
  public void cancel(PaymentOrder order, String paymentIntentId) throws ReaderProblem {
    try {
      Reader reader = stripe.v1().terminal().readers().retrieve(order.readerId());
      Reader.Action action = reader.getAction();
      if (action != null
          && "in_progress".equals(action.getStatus())
          && action.getProcessPaymentIntent() != null
          && paymentIntentId.equals(action.getProcessPaymentIntent().getPaymentIntent())) {
        stripe
            .v1()
            .terminal()
            .readers()
            .cancelAction(order.readerId(), key(order, "cancel-action"));
      }
      // Cancelling the PaymentIntent is what makes a later charge impossible; Stripe refuses it
      // once it succeeded.
      stripe.v1().paymentIntents().cancel(paymentIntentId, key(order, "cancel"));
    } catch (StripeException e) {
      throw problem(e);
    }
  }

  @Override
  public String refund(String refundId, String paymentIntentId, Money amount) throws ReaderProblem {
    try {
      Refund refund =
          stripe
              .v1()
              .refunds()
              .create(
                  RefundCreateParams.builder()
                      .setPaymentIntent(paymentIntentId)
                      .setAmount(amount.pence())
                      .putMetadata("cap_refund_id", refundId)
                      .build(),
                  RequestOptions.builder().setIdempotencyKey("cap-refund-" + refundId).build());
      return refund.getId();
    } catch (StripeException e) {
      throw problem(e);
    }
  }

  @Override
  public void presentTestCard(PaymentOrder order, boolean approved) throws ReaderProblem {
    if (!testMode)
      throw new ReaderProblem(
          "live_mode", "Test cards can only be used with a Stripe test key.", null);
    try {
      stripe
          .v1()
          .testHelpers()
          .terminal()
          .readers()
          .presentPaymentMethod(
              order.readerId(),
              ReaderPresentPaymentMethodParams.builder()
                  .setType(ReaderPresentPaymentMethodParams.Type.CARD_PRESENT)
                  .setCardPresent(
                      ReaderPresentPaymentMethodParams.CardPresent.builder()
                          .setNumber(approved ? APPROVED_TEST_CARD : DECLINED_TEST_CARD)
                          .build())
                  .build());
    } catch (StripeException e) {
      throw problem(e);
    }
  }

  private static RequestOptions key(PaymentOrder order, String step) {
    return RequestOptions.builder()
        .setIdempotencyKey("cap-" + order.paymentId() + "-" + step)
        .build();
  }

  /** Brand, last four and the EMV receipt fields, labelled as they are printed on a receipt. */
  static CardDetails cardOf(Charge charge) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (charge == null
        || charge.getPaymentMethodDetails() == null
        || charge.getPaymentMethodDetails().getCardPresent() == null) {
      return new CardDetails("Card", "????", fields);
    }
    Charge.PaymentMethodDetails.CardPresent card =
        charge.getPaymentMethodDetails().getCardPresent();
    Charge.PaymentMethodDetails.CardPresent.Receipt r = card.getReceipt();
    if (r != null) {
      put(fields, "Application", r.getApplicationPreferredName());
      put(fields, "AID", r.getDedicatedFileName());
      put(fields, "Authorisation code", r.getAuthorizationCode());
      put(fields, "Authorisation response code", r.getAuthorizationResponseCode());
      put(fields, "Account type", r.getAccountType());
      put(fields, "Verification", r.getCardholderVerificationMethod());
      put(fields, "TVR", r.getTerminalVerificationResults());
      put(fields, "TSI", r.getTransactionStatusInformation());
      put(fields, "Application cryptogram", r.getApplicationCryptogram());
    }
    put(fields, "Method", readMethodWords(card.getReadMethod()));
    return new CardDetails(brandWords(card.getBrand()), card.getLast4(), fields);
  }

  private static void put(Map<String, String> fields, String label, String value) {
    if (value != null && !value.isBlank()) fields.put(label, value);
  }

  static String brandWords(String brand) {
    if (brand == null) return "Card";
    return switch (brand) {
      case "visa" -> "Visa";
      case "mastercard" -> "Mastercard";
      case "amex" -> "American Express";
      case "maestro" -> "Maestro";
      default -> brand.substring(0, 1).toUpperCase() + brand.substring(1);
    };
  }

  private static String readMethodWords(String method) {
    if (method == null) return null;
    return switch (method) {
      case "contactless_emv", "contactless_magstripe_mode" -> "Contactless";
      case "contact_emv" -> "Chip and PIN";
      case "magnetic_stripe_track2", "magnetic_stripe_fallback" -> "Magnetic stripe";
      default -> method;
    };
  }

  /**
   * A decline in words a resident can act on. The bank's detailed reason is for the advisor's
   * screen only.
   */
  static String declineWords(String code) {
    if (code == null) return "The card was declined by the bank.";
    return switch (code) {
      case "insufficient_funds" ->
          "The card was declined: there is not enough money in the account.";
      case "expired_card" -> "The card has expired.";
      case "incorrect_pin", "invalid_pin" -> "The PIN was not correct.";
      case "offline_pin_required", "online_or_offline_pin_required" ->
          "This card needs its PIN. Insert the card into the reader instead of tapping it.";
      case "card_not_supported" -> "This kind of card cannot be used here.";
      default -> "The card was declined by the bank.";
    };
  }

  /**
   * Stripe's error codes, turned into what the advisor is told. Never includes the key or card
   * data.
   */
  static ReaderProblem problem(StripeException e) {
    String code =
        e instanceof ApiConnectionException ? UNREACHABLE : e.getCode() == null ? "" : e.getCode();
    String message =
        switch (code) {
          case "terminal_reader_busy" ->
              "The card reader is busy with another payment. Wait a moment and try again.";
          case "terminal_reader_offline" ->
              "The card reader is offline. Check it is switched on and connected.";
          case "terminal_reader_timeout" -> "The card reader did not answer in time. Try again.";
          case "card_declined" -> "The card was declined.";
          case "payment_intent_unexpected_state" ->
              "The payment has already been completed or cancelled.";
          case UNREACHABLE -> "Stripe could not be reached. Nothing has been charged; try again.";
          default ->
              "The payment could not be started ("
                  + (code.isEmpty() ? "error " + e.getStatusCode() : code)
                  + ").";
        };
    return new ReaderProblem(code.isEmpty() ? "stripe_error" : code, message, e);
  }
}
