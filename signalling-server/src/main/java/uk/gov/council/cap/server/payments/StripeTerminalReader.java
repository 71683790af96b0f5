package uk.gov.council.cap.server.payments;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.terminal.Reader;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.terminal.ReaderProcessPaymentIntentParams;

/**
 * Stripe Terminal, server-driven, through the official SDK: a {@code card_present} PaymentIntent, then
 * {@code process_payment_intent} on the kiosk's registered reader. Each call carries an idempotency key derived
 * from our payment id, so a retry after a timeout or a restart returns the same PaymentIntent instead of a new one.
 */
public final class StripeTerminalReader implements CardReader {
  private final StripeClient stripe;

  /** @param apiBase Stripe's API by default; tests point it at a local fake that checks what it receives */
  public StripeTerminalReader(String secretKey, String apiBase) {
    this.stripe = StripeClient.builder().setApiKey(secretKey).setApiBase(apiBase)
        .setMaxNetworkRetries(2).setConnectTimeout(10_000).setReadTimeout(30_000).build();
  }

  @Override
  public ReaderStarted start(PaymentOrder order) throws ReaderProblem {
    try {
      PaymentIntent intent = stripe.v1().paymentIntents().create(PaymentIntentCreateParams.builder()
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
      Reader reader = stripe.v1().terminal().readers().processPaymentIntent(order.readerId(),
          ReaderProcessPaymentIntentParams.builder().setPaymentIntent(intent.getId()).build(), key(order, "process"));
      String status = reader.getAction() == null ? "unknown" : reader.getAction().getStatus();
      return new ReaderStarted(intent.getId(), status);
    } catch (StripeException e) {
      throw problem(e);
    }
  }

  @Override
  public void cancel(PaymentOrder order) throws ReaderProblem {
    try {
      stripe.v1().terminal().readers().cancelAction(order.readerId(), key(order, "cancel"));
    } catch (StripeException e) {
      throw problem(e);
    }
  }

  private static RequestOptions key(PaymentOrder order, String step) {
    return RequestOptions.builder().setIdempotencyKey("cap-" + order.paymentId() + "-" + step).build();
  }

  /** Stripe's error codes, turned into what the advisor is told. Never includes the key or card data. */
  static ReaderProblem problem(StripeException e) {
    String code = e.getCode() == null ? "" : e.getCode();
    String message = switch (code) {
      case "terminal_reader_busy" -> "The card reader is busy with another payment. Wait a moment and try again.";
      case "terminal_reader_offline" -> "The card reader is offline. Check it is switched on and connected.";
      case "terminal_reader_timeout" -> "The card reader did not answer in time. Try again.";
      case "card_declined" -> "The card was declined.";
      default -> e instanceof ApiConnectionException
          ? "Stripe could not be reached. Nothing has been charged; try again."
          : "The payment could not be started (" + (code.isEmpty() ? "error " + e.getStatusCode() : code) + ").";
    };
    return new ReaderProblem(code.isEmpty() ? "stripe_error" : code, message, e);
  }
}
