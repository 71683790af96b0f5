package uk.gov.council.cap.server.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.testing.Api;
import uk.gov.council.cap.server.testing.ConnectedCall;
import uk.gov.council.cap.server.testing.TestServer;

/**
 * Payments in a live call with the simulated card reader (the demo's), over the real sockets and
 * REST API.
 */
class PaymentsInCallTest {
  private TestServer server;
  private ConnectedCall call;

  @BeforeEach
  void aConnectedCall() {
    server = new TestServer();
    call = ConnectedCall.start(server, "alex");
  }

  @AfterEach
  void tearDown() {
    call.close();
    server.close();
  }

  @Test
  void
      fortyFivePoundsForGardenWasteIsPaidOnTheSimulatedReaderAndTheCaseHoldsThePaymentAndItsReceipt()
          throws Exception {
    JsonNode catalogue = call.advisorApi().get("/api/payment-catalogue").body();
    assertThat(catalogue.path("simulatedReader").asBoolean()).isTrue();
    assertThat(catalogue.path("items").toString())
        .contains("Garden waste subscription", "£45.00", "ENV-GW");

    Api.Response asked =
        call.advisorApi()
            .post("/api/calls/" + call.callId() + "/payments", Map.of("itemId", "garden-waste"));
    assertThat(asked.status()).isEqualTo(201);
    String paymentId = asked.body().path("paymentId").asText();

    JsonNode onKiosk = kioskSees("REQUESTED");
    assertThat(onKiosk.path("amountText").asText()).isEqualTo("£45.00");
    assertThat(onKiosk.path("description").asText()).startsWith("Garden waste subscription");
    assertThat(onKiosk.path("simulatedReader").asBoolean()).isTrue();

    call.kioskSocket().send("payment.pay", Map.of("paymentId", paymentId));
    assertThat(advisorSees("WAITING_FOR_CARD").path("statusText").asText())
        .isEqualTo("Waiting for the card");
    kioskSees("WAITING_FOR_CARD");
    call.kioskSocket()
        .send("payment.test_card", Map.of("paymentId", paymentId, "card", "approved"));
    advisorSees("PROCESSING");
    JsonNode paid = kioskSees("SUCCEEDED");
    assertThat(paid.path("statusText").asText()).isEqualTo("Payment accepted");
    assertThat(paid.path("cardBrand").asText()).isEqualTo("Visa");
    assertThat(paid.path("cardLast4").asText()).isEqualTo("4242");
    String receiptId =
        call.advisor()
            .await("payment.updated", p -> p.has("receiptDocumentId"))
            .path("receiptDocumentId")
            .asText();

    JsonNode onCase =
        call.advisorApi().get("/api/cases/" + call.caseId() + "/payments").body().get(0);
    assertThat(onCase.path("amountText").asText()).isEqualTo("£45.00");
    assertThat(onCase.path("currency").asText()).isEqualTo("GBP");
    assertThat(onCase.path("fundCode").asText()).isEqualTo("ENV-GW");
    assertThat(onCase.path("paymentIntentId").asText()).isEqualTo("pi_simulated_" + paymentId);
    assertThat(onCase.path("requestedBy").asText()).isEqualTo("Alex Tester");
    assertThat(onCase.path("receiptFields").path("AID").asText()).isEqualTo("A0000000031010");
    assertThat(statuses(onCase))
        .containsExactly("REQUESTED", "WAITING_FOR_CARD", "PROCESSING", "SUCCEEDED");
    assertThat(onCase.path("receiptDocumentId").asText()).isEqualTo(receiptId);

    byte[] pdf = call.advisorApi().download("/api/documents/" + receiptId + "/file").body();
    try (PDDocument receipt = Loader.loadPDF(pdf)) {
      assertThat(new PDFTextStripper().getText(receipt))
          .contains(
              "Payment receipt",
              "£45.00",
              "Visa ending 4242",
              "Garden waste subscription",
              "SIMULATED",
              "AID: A0000000031010");
    }
    assertThat(
            call.advisorApi()
                .get("/api/documents/" + receiptId + "/seal")
                .body()
                .path("intact")
                .asBoolean())
        .isTrue();
    List<String> audited =
        server.server().repositories().audit().forCase(call.caseId()).stream()
            .map(e -> e.action())
            .toList();
    assertThat(audited)
        .contains("payment.requested", "payment.reader_started", "payment.succeeded");
  }

  @Test
  void aDeclinedCardIsExplainedAndTheResidentMayTryAnotherCard() {
    String paymentId =
        request(Map.of("amountPence", 1250, "reason", "Bulky waste collection: one sofa"));
    kioskSees("REQUESTED");
    call.kioskSocket().send("payment.pay", Map.of("paymentId", paymentId));
    kioskSees("WAITING_FOR_CARD");
    call.kioskSocket()
        .send("payment.test_card", Map.of("paymentId", paymentId, "card", "declined"));
    JsonNode declined = kioskSees("DECLINED");
    assertThat(declined.path("message").asText()).isEqualTo("The card was declined by the bank.");
    assertThat(advisorSees("DECLINED").path("message").asText())
        .isEqualTo("The card was declined by the bank.");

    call.kioskSocket().send("payment.pay", Map.of("paymentId", paymentId));
    kioskSees("WAITING_FOR_CARD");
    call.kioskSocket()
        .send("payment.test_card", Map.of("paymentId", paymentId, "card", "approved"));
    kioskSees("SUCCEEDED");
    JsonNode onCase =
        call.advisorApi().get("/api/cases/" + call.caseId() + "/payments").body().get(0);
    assertThat(statuses(onCase))
        .containsExactly(
            "REQUESTED",
            "WAITING_FOR_CARD",
            "PROCESSING",
            "DECLINED",
            "WAITING_FOR_CARD",
            "PROCESSING",
            "SUCCEEDED");
    assertThat(onCase.path("description").asText()).isEqualTo("Bulky waste collection: one sofa");
  }

  @Test
  void badAmountsAndCurrenciesAreRefusedWithPlainWordsAndNothingIsStored() {
    String path = "/api/calls/" + call.callId() + "/payments";
    assertRefused(
        path, Map.of("amountPence", 0, "reason", "x"), 400, "Enter an amount of more than £0.00");
    assertRefused(
        path,
        Map.of("amountPence", -500, "reason", "x"),
        400,
        "Enter an amount of more than £0.00");
    assertRefused(
        path,
        Map.of("amountPence", 100_001, "reason", "x"),
        400,
        "The amount must be £1,000.00 or less");
    assertRefused(
        path,
        Map.of("amountPence", 4500, "currency", "EUR", "reason", "x"),
        400,
        "Payments are taken in pounds sterling (GBP) only");
    assertRefused(path, Map.of("amountPence", 4500), 400, "Enter what the payment is for.");
    assertRefused(path, Map.of("itemId", "no-such-thing"), 400, "Choose an item from the list.");
    assertThat(call.advisorApi().get("/api/cases/" + call.caseId() + "/payments").body()).isEmpty();

    request(Map.of("itemId", "garden-waste"));
    assertRefused(
        path,
        Map.of("itemId", "garden-waste"),
        409,
        "A payment is already in progress in this call. Wait for it to finish, or cancel it.");
  }

  @Test
  void theAdvisorCanCancelBeforeTheCardIsPresentedAndTheKioskIsTold() {
    String paymentId = request(Map.of("itemId", "garden-waste"));
    call.kioskSocket().send("payment.pay", Map.of("paymentId", paymentId));
    kioskSees("WAITING_FOR_CARD");
    Api.Response cancelled =
        call.advisorApi().post("/api/payments/" + paymentId + "/cancel", Map.of());
    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.body().path("status").asText()).isEqualTo("CANCELLED");
    assertThat(kioskSees("CANCELLED").path("message").asText())
        .isEqualTo("Cancelled by the advisor.");
    // A card presented after the cancel is refused by the reader: nothing can be charged.
    call.kioskSocket()
        .send("payment.test_card", Map.of("paymentId", paymentId, "card", "approved"));
    assertThat(call.kioskSocket().await("error").path("message").asText())
        .isEqualTo("The card reader is not waiting for a card.");
  }

  @Test
  void aResidentWalkingAwayEndsTheCallAndThePaymentIsCancelledAndTheAdvisorIsTold() {
    String paymentId = request(Map.of("itemId", "garden-waste"));
    call.kioskSocket().send("payment.pay", Map.of("paymentId", paymentId));
    kioskSees("WAITING_FOR_CARD");
    call.kioskSocket().send("call.hangup", Map.of("callId", call.callId()));
    JsonNode toAdvisor = advisorSees("CANCELLED");
    assertThat(toAdvisor.path("message").asText()).isEqualTo(PaymentDesk.CALL_ENDED);
  }

  @Test
  void aKioskScreenThatReloadsWhileTheCardIsAwaitedIsShownThePaymentAgain() {
    String paymentId = request(Map.of("itemId", "garden-waste"));
    call.kioskSocket().send("payment.pay", Map.of("paymentId", paymentId));
    kioskSees("WAITING_FOR_CARD");
    advisorSees("WAITING_FOR_CARD");

    // kiosk-app says its screen went, then that a new one is there (a page reload): the call
    // carries on.
    call.kioskSocket().send("call.screen_lost", Map.of("callId", call.callId()));
    call.advisor().await("call.paused");
    call.kioskSocket().send("call.rejoin", Map.of("callId", call.callId()));
    assertThat(call.kioskSocket().await("call.connected").path("resumed").asBoolean()).isTrue();

    // The new screen knows nothing of the payment: it is sent again, to both, as it stands.
    assertThat(kioskSees("WAITING_FOR_CARD").path("paymentId").asText()).isEqualTo(paymentId);
    advisorSees("WAITING_FOR_CARD");
    call.kioskSocket()
        .send("payment.test_card", Map.of("paymentId", paymentId, "card", "approved"));
    kioskSees("SUCCEEDED");
  }

  @Test
  void whenTheKioskDropsWhileACardIsBeingProcessedTheBanksAnswerIsStillRecorded() {
    String paymentId = request(Map.of("itemId", "garden-waste"));
    call.kioskSocket().send("payment.pay", Map.of("paymentId", paymentId));
    kioskSees("WAITING_FOR_CARD");
    call.kioskSocket()
        .send("payment.test_card", Map.of("paymentId", paymentId, "card", "approved"));
    advisorSees("PROCESSING");
    call.kioskSocket().drop();
    JsonNode paid = advisorSees("SUCCEEDED");
    assertThat(paid.path("cardLast4").asText()).isEqualTo("4242");
  }

  @Test
  void aSupervisorRefundsPartThenTheRestButNeverMoreThanWasPaid() {
    String paymentId = request(Map.of("itemId", "garden-waste"));
    call.kioskSocket().send("payment.pay", Map.of("paymentId", paymentId));
    kioskSees("WAITING_FOR_CARD");
    call.kioskSocket()
        .send("payment.test_card", Map.of("paymentId", paymentId, "card", "approved"));
    kioskSees("SUCCEEDED");

    String refunds = "/api/payments/" + paymentId + "/refunds";
    Api.Response byAdvisor =
        call.advisorApi().post(refunds, Map.of("amountPence", 1500, "reason", "Wrong bin size"));
    assertThat(byAdvisor.status()).isEqualTo(403);
    server.staff("sue", Role.SUPERVISOR, Set.of("general"));
    Api sue = server.signIn("sue");
    assertThat(sue.post(refunds, Map.of("amountPence", 1500)).body().path("error").asText())
        .isEqualTo("Enter the reason for the refund.");
    Api.Response part = sue.post(refunds, Map.of("amountPence", 1500, "reason", "Smaller bin"));
    assertThat(part.status()).isEqualTo(201);
    assertThat(part.body().path("amountText").asText()).isEqualTo("£15.00");
    assertThat(part.body().path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(
            sue.post(refunds, Map.of("amountPence", 3001, "reason", "x"))
                .body()
                .path("error")
                .asText())
        .isEqualTo("You can refund up to £30.00.");
    assertThat(sue.post(refunds, Map.of("reason", "Moved out of the area")).status())
        .isEqualTo(201);
    Api.Response again = sue.post(refunds, Map.of("reason", "Again"));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body().path("error").asText())
        .isEqualTo("This payment has already been refunded in full.");

    JsonNode onCase = sue.get("/api/cases/" + call.caseId() + "/payments").body().get(0);
    assertThat(onCase.path("refunds")).hasSize(2);
    assertThat(onCase.path("refunds").get(0).path("reason").asText()).isEqualTo("Smaller bin");
    assertThat(onCase.path("refunds").get(0).path("by").asText()).contains("sue");
    assertThat(onCase.path("refundableText").asText()).isEqualTo("£0.00");
    assertThat(sue.get("/api/audit?caseId=" + call.caseId()).body().toString())
        .contains("payment.refunded");
  }

  private String request(Map<String, Object> body) {
    Api.Response r = call.advisorApi().post("/api/calls/" + call.callId() + "/payments", body);
    assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
    return r.body().path("paymentId").asText();
  }

  private void assertRefused(String path, Map<String, Object> body, int status, String message) {
    Api.Response r = call.advisorApi().post(path, body);
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.body().path("error").asText()).isEqualTo(message);
  }

  private JsonNode kioskSees(String status) {
    return call.kioskSocket()
        .await("payment.updated", p -> p.path("status").asText().equals(status));
  }

  private JsonNode advisorSees(String status) {
    return call.advisor().await("payment.updated", p -> p.path("status").asText().equals(status));
  }

  static List<String> statuses(JsonNode payment) {
    List<String> out = new ArrayList<>();
    payment.path("history").forEach(h -> out.add(h.path("status").asText()));
    return out;
  }
}
