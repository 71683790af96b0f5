package uk.gov.council.cap.server.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.web.ApiError;

/** The official Stripe SDK against a local fake Stripe that checks every request it receives. */
class StripeTerminalReaderTest {
  private FakeStripe stripe;
  private StripeTerminalReader reader;
  private final PaymentOrder order = new PaymentOrder("pay-1", "CAP-AB12-CD34", "tmr_ampthill",
      new Money(4500), "Garden waste subscription (12 months)", "ENV-GW", "OS");

  @BeforeEach
  void start() throws Exception {
    stripe = new FakeStripe();
    reader = new StripeTerminalReader(FakeStripe.KEY, stripe.url());
  }

  @AfterEach
  void stop() {
    stripe.close();
  }

  @Test
  void aPaymentIsACardPresentPaymentIntentProcessedOnTheKiosksReaderWithIdempotencyKeys() throws Exception {
    CardReader.ReaderStarted started = reader.start(order);
    assertThat(started.paymentIntentId()).isEqualTo("pi_fake_1");
    assertThat(started.readerActionStatus()).isEqualTo("in_progress");

    FakeStripe.Request create = stripe.requests.get(0);
    assertThat(create.method()).isEqualTo("POST");
    assertThat(create.path()).isEqualTo("/v1/payment_intents");
    assertThat(create.form()).containsEntry("amount", "4500").containsEntry("currency", "gbp")
        .containsEntry("payment_method_types[0]", "card_present").containsEntry("capture_method", "automatic")
        .containsEntry("metadata[case_reference]", "CAP-AB12-CD34").containsEntry("metadata[fund_code]", "ENV-GW")
        .containsEntry("metadata[cap_payment_id]", "pay-1");
    assertThat(create.idempotencyKey()).isEqualTo("cap-pay-1-create");

    FakeStripe.Request process = stripe.requests.get(1);
    assertThat(process.path()).isEqualTo("/v1/terminal/readers/tmr_ampthill/process_payment_intent");
    assertThat(process.form()).containsEntry("payment_intent", "pi_fake_1");
    assertThat(process.idempotencyKey()).isEqualTo("cap-pay-1-process");
  }

  @Test
  void startingTheSamePaymentAgainNeverCreatesASecondCharge() throws Exception {
    reader.start(order);
    CardReader.ReaderStarted again = reader.start(order);
    assertThat(again.paymentIntentId()).isEqualTo("pi_fake_1");
    assertThat(stripe.paymentIntentsCreated.get()).isEqualTo(1);
  }

  @Test
  void aBusyOrOfflineReaderIsExplainedInPlainWords() {
    stripe.readerError = "terminal_reader_busy";
    assertThatThrownBy(() -> reader.start(order)).isInstanceOf(CardReader.ReaderProblem.class)
        .hasMessage("The card reader is busy with another payment. Wait a moment and try again.");
    stripe.readerError = "terminal_reader_offline";
    assertThatThrownBy(() -> reader.start(new PaymentOrder("pay-2", "CAP-AB12-CD34", "tmr_ampthill", new Money(100), "x", null, null)))
        .hasMessage("The card reader is offline. Check it is switched on and connected.");
  }

  @Test
  void stripeUnreachableSaysNothingWasCharged() throws Exception {
    StripeTerminalReader cutOff = new StripeTerminalReader(FakeStripe.KEY, "http://127.0.0.1:9");
    assertThatThrownBy(() -> cutOff.start(order)).isInstanceOf(CardReader.ReaderProblem.class)
        .hasMessage("Stripe could not be reached. Nothing has been charged; try again.");
  }

  @Test
  void amountsAndCurrencyAreCheckedBeforeAnyReaderIsAsked() {
    PaymentRules rules = new PaymentRules(100_000);
    assertThat(rules.check(4500L, "GBP").display()).isEqualTo("£45.00");
    assertThatThrownBy(() -> rules.check(0L, "gbp")).isInstanceOf(ApiError.class).hasMessage("Enter an amount of more than £0.00");
    assertThatThrownBy(() -> rules.check(-5L, "gbp")).hasMessage("Enter an amount of more than £0.00");
    assertThatThrownBy(() -> rules.check(100_001L, "gbp")).hasMessage("The amount must be £1,000.00 or less");
    assertThatThrownBy(() -> rules.check(4500L, "eur")).hasMessage("Payments are taken in pounds sterling (GBP) only");
    assertThat(stripe.requests).isEmpty();
  }

  @Test
  void theSampleCatalogueHasGardenWasteAtFortyFivePounds() {
    PaymentCatalogue catalogue = PaymentCatalogue.load(Optional.empty(), new PaymentRules(100_000));
    PaymentCatalogue.Item item = catalogue.find("garden-waste").orElseThrow();
    assertThat(new Money(item.pence()).display()).isEqualTo("£45.00");
    assertThat(item.fundCode()).isEqualTo("ENV-GW");
  }
}
