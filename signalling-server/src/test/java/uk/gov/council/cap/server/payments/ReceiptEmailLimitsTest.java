package uk.gov.council.cap.server.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.testing.ConnectedCall;
import uk.gov.council.cap.server.testing.TestServer;

/**
 * A kiosk cannot make the server email without end: one payment's receipt goes out at most N times,
 * and one kiosk sends at most M receipts an hour. Past either, the resident is told plainly and
 * nothing is sent.
 */
class ReceiptEmailLimitsTest {
  private final TestServer server = new TestServer(c -> c.withLimits(c.limits().withMail(2, 3, 6)));
  private final ConnectedCall call = ConnectedCall.start(server, "alex");

  @AfterEach
  void tearDown() {
    call.close();
    server.close();
  }

  @Test
  void oneReceiptIsEmailedAtMostTwiceAndOneKioskAtMostThreeTimesAnHour() throws Exception {
    String first = paidWithReceipt();
    assertThat(email(first, "ann@example.org").path("ok").asBoolean()).isTrue();
    assertThat(email(first, "ann.smith@example.org").path("ok").asBoolean()).isTrue();
    JsonNode third = email(first, "someone.else@example.org");
    assertThat(third.path("ok").asBoolean()).isFalse();
    assertThat(third.path("message").asText())
        .isEqualTo(
            "This receipt has been emailed as many times as it can be. Please ask your advisor for a printed copy.");

    String second = paidWithReceipt();
    assertThat(email(second, "ann@example.org").path("ok").asBoolean()).isTrue();
    JsonNode overKiosk = email(second, "ann@example.org");
    assertThat(overKiosk.path("ok").asBoolean()).isFalse();
    assertThat(overKiosk.path("message").asText())
        .isEqualTo(
            "This kiosk has sent as many receipt emails as it can this hour. Please ask your advisor for a printed copy.");

    assertThat(outbox()).isEqualTo(3);
  }

  private JsonNode email(String paymentId, String address) {
    call.kioskSocket()
        .send("payment.email_receipt", Map.of("paymentId", paymentId, "email", address));
    return call.kioskSocket()
        .await("payment.receipt_emailed", m -> m.path("paymentId").asText().equals(paymentId));
  }

  private long outbox() throws IOException {
    Path dir = server.dataDir().resolve("outbox");
    if (!Files.isDirectory(dir)) return 0;
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".eml")).count();
    }
  }

  private String paidWithReceipt() {
    String paymentId =
        call.advisorApi()
            .post("/api/calls/" + call.callId() + "/payments", Map.of("itemId", "garden-waste"))
            .body()
            .path("paymentId")
            .asText();
    call.kioskSocket().send("payment.pay", Map.of("paymentId", paymentId));
    call.kioskSocket()
        .await(
            "payment.updated",
            p ->
                p.path("paymentId").asText().equals(paymentId)
                    && p.path("status").asText().equals("WAITING_FOR_CARD"));
    call.kioskSocket()
        .send("payment.test_card", Map.of("paymentId", paymentId, "card", "approved"));
    call.kioskSocket()
        .await(
            "payment.updated",
            p -> p.path("paymentId").asText().equals(paymentId) && p.has("receiptDocumentId"));
    return paymentId;
  }
}
