package uk.gov.council.cap.server.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.testing.Api;
import uk.gov.council.cap.server.testing.ConnectedCall;
import uk.gov.council.cap.server.testing.TestServer;

/** The scale path: a payment taken, receipted and partly refunded with the server on PostgreSQL. */
class PaymentsOnPostgresTest {

  @Test
  void aPaymentItsHistoryReceiptAndRefundAreKeptOnPostgresql() {
    try (TestServer server = TestServer.onPostgres();
        ConnectedCall call = ConnectedCall.start(server, "alex")) {
      String paymentId =
          call.advisorApi()
              .post("/api/calls/" + call.callId() + "/payments", Map.of("itemId", "bulky-waste"))
              .body()
              .path("paymentId")
              .asText();
      call.kioskSocket().send("payment.pay", Map.of("paymentId", paymentId));
      call.kioskSocket()
          .await("payment.updated", p -> p.path("status").asText().equals("WAITING_FOR_CARD"));
      call.kioskSocket()
          .send("payment.test_card", Map.of("paymentId", paymentId, "card", "approved"));
      call.advisor().await("payment.updated", p -> p.has("receiptDocumentId"));

      server.staff("sue", Role.SUPERVISOR, Set.of("general"));
      Api sue = server.signIn("sue");
      assertThat(
              sue.post(
                      "/api/payments/" + paymentId + "/refunds",
                      Map.of("amountPence", 700, "reason", "One item fewer"))
                  .status())
          .isEqualTo(201);
      JsonNode onCase = sue.get("/api/cases/" + call.caseId() + "/payments").body().get(0);
      assertThat(onCase.path("status").asText()).isEqualTo("SUCCEEDED");
      assertThat(PaymentsInCallTest.statuses(onCase))
          .containsExactly("REQUESTED", "WAITING_FOR_CARD", "PROCESSING", "SUCCEEDED");
      assertThat(onCase.path("refundableText").asText()).isEqualTo("£25.00");
      assertThat(onCase.path("receiptDocumentId").asText()).isNotBlank();
    }
  }
}
