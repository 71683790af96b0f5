package uk.gov.council.cap.server.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.model.Event;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Webhook signatures with a known vector (HMAC-SHA256 computed outside Java) and the ways a webhook
 * is refused.
 */
class WebhookVerifierTest {
  static final String SECRET = "whsec_test_vector";
  static final long SENT_AT = 1_780_000_000L;
  static final String BODY =
      "{\"id\":\"evt_1\",\"object\":\"event\",\"api_version\":\"2026-07-29.dahlia\",\"type\":\"payment_intent.succeeded\","
          + "\"data\":{\"object\":{\"id\":\"pi_fake_1\",\"object\":\"payment_intent\",\"status\":\"succeeded\"}}}";

  /** Computed with Python's hmac module: HMAC-SHA256(secret, "1780000000." + BODY). */
  static final String HEADER =
      "t=1780000000,v1=e1d1d52449459f715f14f54d09a8859ba948b941bb55483cb42bdb3a47e8e27e";

  private final WebhookVerifier verifier =
      new WebhookVerifier(SECRET, Clock.fixed(Instant.ofEpochSecond(SENT_AT + 10), ZoneOffset.UTC));

  @Test
  void theKnownVectorVerifiesAndReadsAsThePaymentIntentEvent() throws Exception {
    Event event = verifier.verify(BODY, HEADER);
    assertThat(event.getId()).isEqualTo("evt_1");
    assertThat(event.getType()).isEqualTo("payment_intent.succeeded");
  }

  @Test
  void oneChangedByteOfTheBodyOrAWrongSecretIsRefused() {
    assertThatThrownBy(
            () -> verifier.verify(BODY.replace("succeeded\"}}}", "succeedeD\"}}}"), HEADER))
        .isInstanceOf(WebhookVerifier.Refused.class)
        .hasMessageStartingWith("Bad Stripe signature");
    assertThatThrownBy(
            () ->
                new WebhookVerifier(
                        "whsec_other", Clock.fixed(Instant.ofEpochSecond(SENT_AT), ZoneOffset.UTC))
                    .verify(BODY, HEADER))
        .hasMessageStartingWith("Bad Stripe signature");
    assertThatThrownBy(() -> verifier.verify(BODY, null)).hasMessage("No Stripe-Signature header");
  }

  @Test
  void anOldDeliveryReplayedLaterIsRefused() {
    WebhookVerifier anHourLater =
        new WebhookVerifier(
            SECRET, Clock.fixed(Instant.ofEpochSecond(SENT_AT + 3600), ZoneOffset.UTC));
    assertThatThrownBy(() -> anHourLater.verify(BODY, HEADER))
        .hasMessageStartingWith("Bad Stripe signature");
  }

  @Test
  void anEventInAnotherApiVersionIsRefused() throws Exception {
    String old = BODY.replace("2026-07-29.dahlia", "2023-10-16");
    String generated =
        com.stripe.net.Webhook.Signature.generateSignatureHeader(old, SECRET, SENT_AT);
    String header = generated.contains("v1=") ? generated : "t=" + SENT_AT + ",v1=" + generated;
    assertThatThrownBy(() -> verifier.verify(old, header))
        .hasMessageContaining("is not the pinned");
  }
}
