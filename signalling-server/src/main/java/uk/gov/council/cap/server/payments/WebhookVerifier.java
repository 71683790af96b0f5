package uk.gov.council.cap.server.payments;

import com.stripe.Stripe;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import java.time.Clock;

/**
 * Checks a Stripe webhook on its raw body: the {@code Stripe-Signature} HMAC with the endpoint's
 * secret, a timestamp within five minutes (replays of old deliveries are refused), and the API
 * version the SDK is built for (the endpoint is pinned to it; an event in another version would be
 * read wrongly, so it is refused).
 */
public final class WebhookVerifier {
  static final long TOLERANCE_SECONDS = 300;
  private final String endpointSecret;
  private final Clock clock;

  public WebhookVerifier(String endpointSecret, Clock clock) {
    this.endpointSecret = endpointSecret;
    this.clock = clock;
  }

  public Event verify(String rawBody, String signatureHeader) throws Refused {
    if (signatureHeader == null || signatureHeader.isBlank())
      throw new Refused("No Stripe-Signature header");
    Event event;
    try {
      event =
          Webhook.constructEvent(
              rawBody, signatureHeader, endpointSecret, TOLERANCE_SECONDS, clock);
    } catch (SignatureVerificationException e) {
      throw new Refused("Bad Stripe signature: " + e.getMessage());
    } catch (RuntimeException e) {
      throw new Refused("Not a Stripe event");
    }
    if (!Stripe.API_VERSION.equals(event.getApiVersion())) {
      throw new Refused(
          "Event API version "
              + event.getApiVersion()
              + " is not the pinned "
              + Stripe.API_VERSION);
    }
    return event;
  }

  /**
   * A webhook that must not be acted on; the reason is logged and audited, never echoed with
   * secrets.
   */
  public static final class Refused extends Exception {
    public Refused(String message) {
      super(message);
    }
  }
}
