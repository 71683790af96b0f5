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
  private final PaymentOrder order =
      new PaymentOrder(
          "pay-1",
          "CAP-AB12-CD34",
          "tmr_ampthill",
          new Money(4500),
          "Garden waste subscription (12 months)",
          "ENV-GW",
          "OS");

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
  void aPaymentIsACardPresentPaymentIntentProcessedOnTheKiosksReaderWithIdempotencyKeys()
      throws Exception {
    CardReader.ReaderStarted started = reader.start(order, 1);
    assertThat(started.paymentIntentId()).isEqualTo("pi_fake_1");
    assertThat(started.readerActionStatus()).isEqualTo("in_progress");

    FakeStripe.Request create = stripe.requests.get(0);
    assertThat(create.method()).isEqualTo("POST");
    assertThat(create.path()).isEqualTo("/v1/payment_intents");
    assertThat(create.form())
        .containsEntry("amount", "4500")
        .containsEntry("currency", "gbp")
        .containsEntry("payment_method_types[0]", "card_present")
        .containsEntry("capture_method", "automatic")
        .containsEntry("metadata[case_reference]", "CAP-AB12-CD34")
        .containsEntry("metadata[fund_code]", "ENV-GW")
        .containsEntry("metadata[cap_payment_id]", "pay-1");
    assertThat(create.idempotencyKey()).isEqualTo("cap-pay-1-create");

    FakeStripe.Request process = stripe.requests.get(1);
    assertThat(process.path())
        .isEqualTo("/v1/terminal/readers/tmr_ampthill/process_payment_intent");
    assertThat(process.form()).containsEntry("payment_intent", "pi_fake_1");
    assertThat(process.idempotencyKey()).isEqualTo("cap-pay-1-process");
  }

  @Test
  void startingTheSamePaymentAgainNeverCreatesASecondCharge() throws Exception {
    reader.start(order, 1);
    CardReader.ReaderStarted again = reader.start(order, 1);
    assertThat(again.paymentIntentId()).isEqualTo("pi_fake_1");
    assertThat(stripe.paymentIntentsCreated.get()).isEqualTo(1);
  }

  @Test
  void aBusyOrOfflineReaderIsExplainedInPlainWords() {
    stripe.readerError = "terminal_reader_busy";
    assertThatThrownBy(() -> reader.start(order, 1))
        .isInstanceOf(CardReader.ReaderProblem.class)
        .hasMessage("The card reader is busy with another payment. Wait a moment and try again.");
    stripe.readerError = "terminal_reader_offline";
    assertThatThrownBy(
            () ->
                reader.start(
                    new PaymentOrder(
                        "pay-2", "CAP-AB12-CD34", "tmr_ampthill", new Money(100), "x", null, null),
                    1))
        .hasMessage("The card reader is offline. Check it is switched on and connected.");
  }

  @Test
  void stripeUnreachableSaysNothingWasCharged() throws Exception {
    StripeTerminalReader cutOff = new StripeTerminalReader(FakeStripe.KEY, "http://127.0.0.1:9");
    assertThatThrownBy(() -> cutOff.start(order, 1))
        .isInstanceOf(CardReader.ReaderProblem.class)
        .hasMessage("Stripe could not be reached. Nothing has been charged; try again.");
  }

  @Test
  void anApprovedCardGivesBrandLastFourAndTheEmvReceiptFieldsButNothingMoreOfTheCard()
      throws Exception {
    String intent = reader.start(order, 1).paymentIntentId();
    assertThat(reader.outcome(order, intent)).isInstanceOf(CardReader.Outcome.Waiting.class);
    stripe.presentCard("tmr_ampthill", true);
    CardReader.Outcome outcome = reader.outcome(order, intent);
    assertThat(outcome).isInstanceOf(CardReader.Outcome.Succeeded.class);
    CardReader.CardDetails card = ((CardReader.Outcome.Succeeded) outcome).card();
    assertThat(card.brand()).isEqualTo("Visa");
    assertThat(card.last4()).isEqualTo("4242");
    assertThat(card.receiptFields())
        .containsEntry("AID", "A0000000031010")
        .containsEntry("Application", "VISA CREDIT")
        .containsEntry("Authorisation code", "123456")
        .containsEntry("Method", "Contactless");
    FakeStripe.Request retrieve = stripe.requests.get(stripe.requests.size() - 1);
    assertThat(retrieve.path()).isEqualTo("/v1/payment_intents/" + intent);
    assertThat(retrieve.form()).containsEntry("expand[0]", "latest_charge");
  }

  @Test
  void aDeclinedCardIsExplainedAndAnotherCardIsANewAttemptOnTheSamePaymentIntent()
      throws Exception {
    String intent = reader.start(order, 1).paymentIntentId();
    stripe.presentCard("tmr_ampthill", false);
    assertThat(reader.outcome(order, intent))
        .isEqualTo(
            new CardReader.Outcome.Declined(
                "The card was declined: there is not enough money in the account."));

    assertThat(reader.start(order, 2).paymentIntentId()).isEqualTo(intent);
    assertThat(stripe.requests.stream().map(FakeStripe.Request::idempotencyKey))
        .contains("cap-pay-1-process", "cap-pay-1-process-2");
    stripe.presentCard("tmr_ampthill", true);
    assertThat(reader.outcome(order, intent)).isInstanceOf(CardReader.Outcome.Succeeded.class);
    assertThat(stripe.paymentIntentsCreated.get()).isEqualTo(1);
    assertThat(stripe.charges.get()).isEqualTo(1);
  }

  @Test
  void aNetworkFailureAfterStripeActedIsRetriedWithTheSameKeyAndCreatesNothingTwice()
      throws Exception {
    stripe.dropAfterActing.set(1);
    String intent = reader.start(order, 1).paymentIntentId();
    assertThat(intent).isEqualTo("pi_fake_1");
    assertThat(stripe.paymentIntentsCreated.get()).isEqualTo(1);
    assertThat(stripe.requests.stream().filter(r -> r.path().equals("/v1/payment_intents")).count())
        .isEqualTo(2);
  }

  @Test
  void aReaderThatGaveUpWaitingIsReportedAsLostSoTheResidentCanTryAgain() throws Exception {
    String intent = reader.start(order, 1).paymentIntentId();
    stripe.readerTimesOut("tmr_ampthill");
    assertThat(reader.outcome(order, intent)).isInstanceOf(CardReader.Outcome.Lost.class);
  }

  @Test
  void cancellingStopsTheReaderAndCancelsThePaymentIntentButNotOnceItHasSucceeded()
      throws Exception {
    String intent = reader.start(order, 1).paymentIntentId();
    reader.cancel(order, intent);
    assertThat(stripe.intentStatus(intent)).isEqualTo("canceled");
    assertThat(stripe.requests.stream().map(FakeStripe.Request::path))
        .contains(
            "/v1/terminal/readers/tmr_ampthill/cancel_action",
            "/v1/payment_intents/" + intent + "/cancel");

    PaymentOrder paid =
        new PaymentOrder(
            "pay-2", "CAP-AB12-CD34", "tmr_ampthill", new Money(4500), "x", null, null);
    String second = reader.start(paid, 1).paymentIntentId();
    stripe.presentCard("tmr_ampthill", true);
    assertThatThrownBy(() -> reader.cancel(paid, second))
        .hasMessage("The payment has already been completed or cancelled.");
    assertThat(stripe.intentStatus(second)).isEqualTo("succeeded");
  }

  @Test
  void aRefundIsKeyedByOurRefundIdSoARetryRefundsOnce() throws Exception {
    String intent = reader.start(order, 1).paymentIntentId();
    stripe.presentCard("tmr_ampthill", true);
    String first = reader.refund("rf-1", intent, new Money(1500));
    String again = reader.refund("rf-1", intent, new Money(1500));
    assertThat(again).isEqualTo(first);
    assertThat(stripe.refunds.get()).isEqualTo(1);
    assertThat(stripe.refundedPence).containsEntry(intent, 1500L);
    FakeStripe.Request refund =
        stripe.requests.stream()
            .filter(r -> r.path().equals("/v1/refunds"))
            .findFirst()
            .orElseThrow();
    assertThat(refund.idempotencyKey()).isEqualTo("cap-refund-rf-1");
    assertThat(refund.form())
        .containsEntry("payment_intent", intent)
        .containsEntry("amount", "1500");
  }

  @Test
  void aTestCardCanBePresentedWithATestKeyThroughStripesTestHelpers() throws Exception {
    String intent = reader.start(order, 1).paymentIntentId();
    reader.presentTestCard(order, true);
    assertThat(stripe.requests.stream().map(FakeStripe.Request::path))
        .contains("/v1/test_helpers/terminal/readers/tmr_ampthill/present_payment_method");
    assertThat(reader.outcome(order, intent)).isInstanceOf(CardReader.Outcome.Succeeded.class);
    StripeTerminalReader live =
        new StripeTerminalReader(
            String.join("_", "sk", "live", java.util.UUID.randomUUID().toString()), stripe.url());
    assertThatThrownBy(() -> live.presentTestCard(order, true))
        .hasMessage("Test cards can only be used with a Stripe test key.");
  }

  @Test
  void amountsAndCurrencyAreCheckedBeforeAnyReaderIsAsked() {
    PaymentRules rules = new PaymentRules(100_000);
    assertThat(rules.check(4500L, "GBP").display()).isEqualTo("£45.00");
    assertThatThrownBy(() -> rules.check(0L, "gbp"))
        .isInstanceOf(ApiError.class)
        .hasMessage("Enter an amount of more than £0.00");
    assertThatThrownBy(() -> rules.check(-5L, "gbp"))
        .hasMessage("Enter an amount of more than £0.00");
    assertThatThrownBy(() -> rules.check(100_001L, "gbp"))
        .hasMessage("The amount must be £1,000.00 or less");
    assertThatThrownBy(() -> rules.check(4500L, "eur"))
        .hasMessage("Payments are taken in pounds sterling (GBP) only");
    assertThat(stripe.requests).isEmpty();
  }

  @Test
  void theSampleCatalogueHasGardenWasteAtFortyFivePounds() {
    PaymentCatalogue catalogue = PaymentCatalogue.load(Optional.empty(), new PaymentRules(100_000));
    PaymentCatalogue.Item item = catalogue.find("garden-waste").orElseThrow();
    assertThat(new Money(item.pence()).display()).isEqualTo("£45.00");
    assertThat(item.fundCode()).isEqualTo("ENV-GW");
  }

  @Test
  void theSelfTestAsksStripeWhetherTheKiosksReaderIsOnline() {
    CardReader.ReaderCheck online = reader.check("tmr_Online1");
    assertThat(online.passed()).isTrue();
    assertThat(online.detail()).isEqualTo("Card reader Kiosk reader (tmr_Online1) is online");
    stripe.readerOffline("tmr_Offline1");
    CardReader.ReaderCheck offline = reader.check("tmr_Offline1");
    assertThat(offline.passed()).isFalse();
    assertThat(offline.detail()).isEqualTo("Stripe says the card reader tmr_Offline1 is offline");
    assertThat(offline.fix()).startsWith("Check the reader is switched on");
    assertThat(stripe.requests.get(stripe.requests.size() - 1).path())
        .isEqualTo("/v1/terminal/readers/tmr_Offline1");
  }
}
