package uk.gov.council.cap.server.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.Stripe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.testing.Api;
import uk.gov.council.cap.server.testing.Await;
import uk.gov.council.cap.server.testing.ConnectedCall;
import uk.gov.council.cap.server.testing.TestServer;

/**
 * The server with Stripe Terminal through the official SDK, pointed at a local fake Stripe: the
 * faults that must never charge twice (reader busy, server restart mid-payment, webhook replays)
 * and webhook verification.
 */
class PaymentsWithStripeTest {
  private static final String WEBHOOK_SECRET = "whsec_server_test";
  private static final String READER = "tmr_AmpthillLib01";
  private FakeStripe stripe;
  private TestServer server;
  private ConnectedCall call;

  private void start(Duration pollEvery) throws Exception {
    stripe = new FakeStripe();
    String url = stripe.url();
    server =
        new TestServer(
            c ->
                c.withPayments(
                    c.payments()
                        .withPollInterval(pollEvery)
                        .withStripe(FakeStripe.KEY, url, WEBHOOK_SECRET)));
    call = ConnectedCall.start(server, "alex");
    server.staff("tess", Role.TECHNICIAN, Set.of());
    Api tess = server.signIn("tess");
    assertThat(
            tess.put(
                    "/api/kiosks/" + call.kiosk().kiosk().id() + "/card-reader",
                    Map.of("readerId", "card 1"))
                .body()
                .path("error")
                .asText())
        .startsWith("Enter the Stripe reader id, which starts with tmr_");
    assertThat(
            call.advisorApi()
                .put(
                    "/api/kiosks/" + call.kiosk().kiosk().id() + "/card-reader",
                    Map.of("readerId", READER))
                .status())
        .isEqualTo(403);
    assertThat(
            tess.put(
                    "/api/kiosks/" + call.kiosk().kiosk().id() + "/card-reader",
                    Map.of("readerId", READER, "label", "Counter reader"))
                .status())
        .isEqualTo(200);
  }

  @AfterEach
  void tearDown() {
    if (call != null) call.close();
    if (server != null) server.close();
    if (stripe != null) stripe.close();
  }

  @Test
  void aCardTappedOnTheRegisteredReaderIsFoundByPollingAndChargedOnce() throws Exception {
    start(Duration.ofMillis(100));
    String paymentId = requestAndPay();
    stripe.presentCard(READER, true);
    JsonNode paid = advisorSees(p -> p.path("status").asText().equals("SUCCEEDED"));
    assertThat(paid.path("cardBrand").asText()).isEqualTo("Visa");
    assertThat(stripe.paymentIntentsCreated.get()).isEqualTo(1);
    assertThat(stripe.charges.get()).isEqualTo(1);
    JsonNode onCase =
        call.advisorApi().get("/api/cases/" + call.caseId() + "/payments").body().get(0);
    assertThat(onCase.path("paymentIntentId").asText()).isEqualTo("pi_fake_1");
    assertThat(onCase.path("receiptFields").path("Authorisation code").asText())
        .isEqualTo("123456");
    assertThat(paymentId).isNotBlank();
  }

  @Test
  void withATestModeKeyTheKioskCanPresentStripeTestCardsThroughTheTestHelpers() throws Exception {
    start(Duration.ofMillis(100));
    String paymentId = request();
    assertThat(call.kioskSocket().await("payment.updated").path("testCards").asBoolean()).isTrue();
    call.kioskSocket().send("payment.pay", Map.of("paymentId", paymentId));
    call.kioskSocket()
        .await("payment.updated", p -> p.path("status").asText().equals("WAITING_FOR_CARD"));
    call.kioskSocket()
        .send("payment.test_card", Map.of("paymentId", paymentId, "card", "approved"));
    advisorSees(p -> p.path("status").asText().equals("SUCCEEDED"));
    assertThat(stripe.requests.stream().map(FakeStripe.Request::path))
        .contains("/v1/test_helpers/terminal/readers/" + READER + "/present_payment_method");
    assertThat(stripe.charges.get()).isEqualTo(1);
  }

  @Test
  void aBusyReaderIsExplainedAndTryingAgainUsesTheSamePaymentIntent() throws Exception {
    start(Duration.ofMillis(100));
    stripe.readerError = "terminal_reader_busy";
    String paymentId = request();
    call.kioskSocket().send("payment.pay", Map.of("paymentId", paymentId));
    JsonNode problem =
        call.kioskSocket()
            .await("payment.updated", p -> p.path("status").asText().equals("READER_PROBLEM"));
    assertThat(problem.path("message").asText())
        .isEqualTo("The card reader is busy with another payment. Wait a moment and try again.");
    stripe.readerError = null;
    call.kioskSocket().send("payment.pay", Map.of("paymentId", paymentId));
    call.kioskSocket()
        .await("payment.updated", p -> p.path("status").asText().equals("WAITING_FOR_CARD"));
    stripe.presentCard(READER, true);
    advisorSees(p -> p.path("status").asText().equals("SUCCEEDED"));
    assertThat(stripe.paymentIntentsCreated.get()).isEqualTo(1);
    assertThat(stripe.charges.get()).isEqualTo(1);
  }

  @Test
  void aServerRestartWhileTheResidentTapsTheirCardEndsInOneRecordedCharge() throws Exception {
    start(Duration.ofMillis(100));
    requestAndPay();
    server.server().close();
    stripe.presentCard(READER, true); // while the server is down
    server.restart();
    JsonNode payment = awaitOnCase(p -> p.path("status").asText().equals("SUCCEEDED"));
    assertThat(payment.path("cardLast4").asText()).isEqualTo("4242");
    assertThat(stripe.charges.get()).isEqualTo(1);
    assertThat(stripe.intentStatus("pi_fake_1")).isEqualTo("succeeded");
  }

  @Test
  void aServerRestartWithNoCardPresentedCancelsThePaymentSoItCanNeverBeChargedLater()
      throws Exception {
    start(Duration.ofMillis(100));
    requestAndPay();
    server.restart();
    JsonNode payment = awaitOnCase(p -> p.path("status").asText().equals("CANCELLED"));
    assertThat(payment.path("message").asText()).isEqualTo(PaymentDesk.CALL_ENDED);
    assertThat(stripe.intentStatus("pi_fake_1")).isEqualTo("canceled");
    assertThat(stripe.charges.get()).isZero();
  }

  @Test
  void aSignedWebhookSettlesAtOnceAReplayIsAcknowledgedOnceAndABadSignatureIsRefusedAndAudited()
      throws Exception {
    start(
        Duration.ofHours(
            1)); // no polling after the first sweep: only the webhook can settle the payment
    requestAndPay();
    stripe.presentCard(READER, true);
    String event =
        "{\"id\":\"evt_test_1\",\"object\":\"event\",\"api_version\":\""
            + Stripe.API_VERSION
            + "\","
            + "\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":{\"id\":\"pi_fake_1\",\"object\":\"payment_intent\"}}}";

    HttpResponse<String> first = webhook(event, sign(event, WEBHOOK_SECRET));
    assertThat(first.statusCode()).isEqualTo(200);
    advisorSees(p -> p.path("status").asText().equals("SUCCEEDED"));
    HttpResponse<String> replay = webhook(event, sign(event, WEBHOOK_SECRET));
    assertThat(replay.statusCode()).isEqualTo(200);
    assertThat(replay.body()).contains("\"replay\":true");
    assertThat(server.server().repositories().audit().latest("stripe.webhook", 10)).hasSize(1);

    HttpResponse<String> forged =
        webhook(event.replace("evt_test_1", "evt_test_2"), sign(event, "whsec_someone_else"));
    assertThat(forged.statusCode()).isEqualTo(400);
    assertThat(forged.body()).doesNotContain(WEBHOOK_SECRET);
    assertThat(server.server().repositories().audit().latest("stripe.webhook_refused", 10))
        .anySatisfy(e -> assertThat(e.detail()).startsWith("Bad Stripe signature"));
    assertThat(stripe.charges.get()).isEqualTo(1);
  }

  private String request() {
    Api.Response r =
        call.advisorApi()
            .post("/api/calls/" + call.callId() + "/payments", Map.of("itemId", "garden-waste"));
    assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
    return r.body().path("paymentId").asText();
  }

  private String requestAndPay() {
    String paymentId = request();
    call.kioskSocket().send("payment.pay", Map.of("paymentId", paymentId));
    call.kioskSocket()
        .await("payment.updated", p -> p.path("status").asText().equals("WAITING_FOR_CARD"));
    return paymentId;
  }

  private JsonNode advisorSees(Predicate<JsonNode> matching) {
    return call.advisor().await("payment.updated", matching);
  }

  /**
   * Reads the case's payments as a supervisor would after a restart (the old sockets and session
   * are gone).
   */
  private JsonNode awaitOnCase(Predicate<JsonNode> matching) {
    server.staff("sue", Role.SUPERVISOR, Set.of("general"));
    Api sue = server.signIn("sue");
    return Await.until(
        "the payment to settle on the case",
        () -> sue.get("/api/cases/" + call.caseId() + "/payments").body().get(0),
        matching);
  }

  private HttpResponse<String> webhook(String body, String signature) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(server.url() + "/api/stripe/webhook"))
                .header("Stripe-Signature", signature)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** Stripe's scheme: HMAC-SHA256 over "timestamp.body" with the endpoint secret. */
  static String sign(String body, String secret) throws Exception {
    long t = System.currentTimeMillis() / 1000;
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String v1 =
        HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
    return "t=" + t + ",v1=" + v1;
  }
}
