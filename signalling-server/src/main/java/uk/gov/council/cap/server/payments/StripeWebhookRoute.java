package uk.gov.council.cap.server.payments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.model.Event;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.staff.Access;

/**
 * {@code POST /api/stripe/webhook}: Stripe tells us something happened. The raw body is verified
 * (signature, age, pinned API version) before anything is read from it; a refused delivery is
 * logged and audited. Each event id is acted on once; the event only nudges the payments desk to
 * ask Stripe, so a forged or stale event could at worst cause an extra question, never a wrong
 * status.
 */
public final class StripeWebhookRoute {
  private static final Logger LOG = LoggerFactory.getLogger(StripeWebhookRoute.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int MAX_BODY_BYTES = 256 * 1024;

  private final Optional<WebhookVerifier> verifier;
  private final PaymentRepository payments;
  private final PaymentDesk desk;
  private final AuditLog audit;
  private final Clock clock;

  public StripeWebhookRoute(
      Optional<WebhookVerifier> verifier,
      PaymentRepository payments,
      PaymentDesk desk,
      AuditLog audit,
      Clock clock) {
    this.verifier = verifier;
    this.payments = payments;
    this.desk = desk;
    this.audit = audit;
    this.clock = clock;
  }

  public void register(Javalin app) {
    // Public: Stripe signs each event, and the signature is checked before anything is read.
    app.post("/api/stripe/webhook", this::receive, Access.PUBLIC);
  }

  private void receive(Context ctx) throws IOException {
    if (verifier.isEmpty()) {
      ctx.status(404).json(Map.of("message", "Stripe webhooks are not configured on this server."));
      return;
    }
    if (ctx.contentLength() > MAX_BODY_BYTES) {
      refuse(ctx, 413, "Body of " + ctx.contentLength() + " bytes is larger than a Stripe event");
      return;
    }
    String raw = ctx.body();
    Event event;
    try {
      event = verifier.get().verify(raw, ctx.header("Stripe-Signature"));
    } catch (WebhookVerifier.Refused e) {
      refuse(ctx, 400, e.getMessage());
      return;
    }
    if (!payments.firstDelivery(event.getId(), event.getType(), clock.now())) {
      ctx.json(Map.of("received", true, "replay", true));
      return;
    }
    audit.record("stripe", "stripe.webhook", null, event.getId(), event.getType());
    paymentIntentOf(event.getType(), JSON.readTree(raw)).ifPresent(desk::nudge);
    ctx.json(Map.of("received", true));
  }

  private void refuse(Context ctx, int status, String reason) {
    LOG.warn("Refused a Stripe webhook from {}: {}", ctx.ip(), reason);
    audit.record("stripe-webhook:" + ctx.ip(), "stripe.webhook_refused", null, null, reason);
    ctx.status(status).json(Map.of("message", "Webhook refused."));
  }

  /** The PaymentIntent an event is about, for the event types that settle payments. */
  static Optional<String> paymentIntentOf(String type, JsonNode event) {
    JsonNode object = event.path("data").path("object");
    if (type.startsWith("payment_intent.")) return text(object.path("id"));
    if (type.equals("terminal.reader.action_succeeded")
        || type.equals("terminal.reader.action_failed")) {
      return text(object.path("action").path("process_payment_intent").path("payment_intent"));
    }
    return Optional.empty();
  }

  private static Optional<String> text(JsonNode node) {
    return node.isTextual() && !node.asText().isBlank()
        ? Optional.of(node.asText())
        : Optional.empty();
  }
}
