package uk.gov.council.cap.server.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import uk.gov.council.cap.server.testing.ConnectedCall;
import uk.gov.council.cap.server.testing.TestServer;

/**
 * The resident asks for the receipt by email: a real SMTP server (GreenMail) receives the sealed
 * PDF from the case.
 */
class ReceiptEmailTest {
  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

  private TestServer server;
  private ConnectedCall call;

  @AfterEach
  void tearDown() {
    if (call != null) call.close();
    if (server != null) server.close();
  }

  @Test
  void theReceiptOnTheCaseIsEmailedAndTheAddressIsKeptOnlyInPart() throws Exception {
    server =
        new TestServer(
            c -> c.withMail(c.mail().withSmtp("127.0.0.1", smtp.getSmtp().getPort(), false)));
    call = ConnectedCall.start(server, "alex");
    String receiptId = paidWithReceipt();
    String paymentId = paymentId();

    call.kioskSocket()
        .send("payment.email_receipt", Map.of("paymentId", paymentId, "email", "margaret@"));
    JsonNode refused = call.kioskSocket().await("payment.receipt_emailed");
    assertThat(refused.path("ok").asBoolean()).isFalse();
    assertThat(refused.path("message").asText())
        .isEqualTo("Enter an email address in the correct format, like name@example.com");
    assertThat(smtp.getReceivedMessages()).isEmpty();

    call.kioskSocket()
        .send(
            "payment.email_receipt",
            Map.of("paymentId", paymentId, "email", " margaret@example.com "));
    JsonNode sent = call.kioskSocket().await("payment.receipt_emailed");
    assertThat(sent.path("ok").asBoolean()).isTrue();
    assertThat(sent.path("sentTo").asText()).isEqualTo("margaret@example.com");

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("margaret@example.com");
    assertThat(received[0].getSubject()).isEqualTo("Your receipt from Test Council: £45.00");
    byte[] attached = attachment(received[0]);
    byte[] onCase = call.advisorApi().download("/api/documents/" + receiptId + "/file").body();
    assertThat(attached).isEqualTo(onCase);

    String timeline =
        call.advisorApi().get("/api/cases/" + call.caseId()).body().path("timeline").toString();
    assertThat(timeline)
        .contains("Receipt emailed to m•••@example.com")
        .doesNotContain("margaret@example.com");
  }

  @Test
  void withNoMailRelayTheDemoWritesTheEmailToTheOutboxFolder() throws Exception {
    server = new TestServer();
    call = ConnectedCall.start(server, "alex");
    paidWithReceipt();
    call.kioskSocket()
        .send(
            "payment.email_receipt", Map.of("paymentId", paymentId(), "email", "ann@example.org"));
    assertThat(call.kioskSocket().await("payment.receipt_emailed").path("ok").asBoolean()).isTrue();
    try (Stream<Path> files = Files.list(server.dataDir().resolve("outbox"))) {
      List<Path> eml = files.filter(f -> f.toString().endsWith(".eml")).toList();
      assertThat(eml).hasSize(1);
      assertThat(Files.readString(eml.get(0))).contains("To: ann@example.org", "receipt-");
    }
  }

  @Test
  void aMailRelayThatIsDownGivesThePlainMessageAndThePaymentStands() throws Exception {
    server = new TestServer(c -> c.withMail(c.mail().withSmtp("127.0.0.1", 9, false)));
    call = ConnectedCall.start(server, "alex");
    paidWithReceipt();
    call.kioskSocket()
        .send(
            "payment.email_receipt", Map.of("paymentId", paymentId(), "email", "ann@example.org"));
    JsonNode failed = call.kioskSocket().await("payment.receipt_emailed");
    assertThat(failed.path("ok").asBoolean()).isFalse();
    assertThat(failed.path("message").asText())
        .isEqualTo("The email could not be sent. Please ask your advisor for a printed copy.");
    assertThat(
            call.advisorApi()
                .get("/api/cases/" + call.caseId() + "/payments")
                .body()
                .get(0)
                .path("status")
                .asText())
        .isEqualTo("SUCCEEDED");
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
        .await("payment.updated", p -> p.path("status").asText().equals("WAITING_FOR_CARD"));
    call.kioskSocket()
        .send("payment.test_card", Map.of("paymentId", paymentId, "card", "approved"));
    return call.kioskSocket()
        .await("payment.updated", p -> p.has("receiptDocumentId"))
        .path("receiptDocumentId")
        .asText();
  }

  private String paymentId() {
    return call.advisorApi()
        .get("/api/cases/" + call.caseId() + "/payments")
        .body()
        .get(0)
        .path("paymentId")
        .asText();
  }

  private static byte[] attachment(MimeMessage message) throws Exception {
    Multipart parts = (Multipart) message.getContent();
    for (int i = 0; i < parts.getCount(); i++) {
      if (Part.ATTACHMENT.equalsIgnoreCase(parts.getBodyPart(i).getDisposition())) {
        assertThat(parts.getBodyPart(i).getFileName()).startsWith("receipt-CAP-").endsWith(".pdf");
        return parts.getBodyPart(i).getInputStream().readAllBytes();
      }
    }
    throw new AssertionError("No attachment");
  }
}
