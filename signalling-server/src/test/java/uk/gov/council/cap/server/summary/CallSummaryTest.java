package uk.gov.council.cap.server.summary;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import uk.gov.council.cap.server.testing.ConnectedCall;
import uk.gov.council.cap.server.testing.TestServer;
import uk.gov.council.cap.server.testing.WsClient;

/**
 * What the resident takes away, over real sockets: the summary sent to the kiosk as the call ends
 * lists what was done with the case's reference; printed, its PDF carries the reference; emailed
 * through a real SMTP server (GreenMail), the message does.
 */
class CallSummaryTest {
  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private TestServer server;
  private ConnectedCall call;

  @AfterEach
  void tearDown() {
    if (call != null) call.close();
    if (server != null) server.close();
  }

  @Test
  void aCallWithAFormAndAPaymentListsBothWithTheReferenceAndPrintsIt() throws Exception {
    server = new TestServer();
    call = ConnectedCall.start(server, "alex");
    sendBlueBadge();
    pay();
    String reference = reference();

    call.advisor().send("call.hangup", Map.of("callId", call.callId()));
    WsClient k = call.kioskSocket();
    JsonNode summary = k.await("call.summary");
    assertThat(summary.path("callId").asText()).isEqualTo(call.callId());
    assertThat(summary.path("reference").asText()).isEqualTo(reference).startsWith("CAP-");
    assertThat(summary.path("done").toString())
        .contains("\"kind\":\"form\",\"title\":\"Apply for a Blue Badge\"")
        .contains("\"kind\":\"payment\"", "\"amount\":\"£45.00\"");
    assertThat(summary.path("nextSteps").get(0).asText()).startsWith("We will look at your");
    // No mail relay configured: the kiosk does not offer email.
    assertThat(summary.path("canEmail").asBoolean()).isFalse();
    assertThat(summary.path("phone").asText()).isNotBlank();

    k.send("summary.print", Map.of("callId", call.callId()));
    JsonNode asked = k.await("print.requested");
    assertThat(asked.path("paper").asText()).isEqualTo("A4");
    String printId = asked.path("printId").asText();
    HttpResponse<byte[]> file = fetch(printId);
    assertThat(file.statusCode()).isEqualTo(200);
    String text = textOf(file.body());
    assertThat(text)
        .contains(reference, "Form sent: Apply for a Blue Badge", "£45.00", "We will look at");

    k.send("print.done", Map.of("printId", printId, "ok", true, "jobId", "cups-7"));
    JsonNode sent = k.await("summary.sent");
    assertThat(sent.path("action").asText()).isEqualTo("print");
    assertThat(sent.path("ok").asBoolean()).isTrue();
    assertThat(timeline()).contains("summary.print_requested", "print.done");

    // Again, and the printer has run out: the resident reads the printer's words.
    k.send("summary.print", Map.of("callId", call.callId()));
    String again = k.await("print.requested").path("printId").asText();
    k.send(
        "print.done",
        Map.of("printId", again, "ok", false, "message", "The printer is out of paper."));
    JsonNode failed = k.await("summary.sent");
    assertThat(failed.path("ok").asBoolean()).isFalse();
    assertThat(failed.path("message").asText())
        .isEqualTo("The summary could not be printed. The printer is out of paper.");

    // Emailing is refused plainly without a mail relay.
    k.send("summary.email", Map.of("callId", call.callId(), "email", "ann@example.org"));
    JsonNode refused = k.await("summary.sent", p -> p.path("action").asText().equals("email"));
    assertThat(refused.path("ok").asBoolean()).isFalse();
  }

  @Test
  void theSummaryIsEmailedWithTheReferenceAndTheAddressIsKeptOnlyInPart() throws Exception {
    server =
        new TestServer(
            c -> c.withMail(c.mail().withSmtp("127.0.0.1", smtp.getSmtp().getPort(), false)));
    call = ConnectedCall.start(server, "alex");
    String reference = reference();
    call.kioskSocket().send("call.hangup", Map.of("callId", call.callId()));
    WsClient k = call.kioskSocket();
    JsonNode summary = k.await("call.summary");
    assertThat(summary.path("canEmail").asBoolean()).isTrue();
    assertThat(summary.path("done")).isEmpty();

    k.send("summary.email", Map.of("callId", call.callId(), "email", "margaret@"));
    JsonNode wrong = k.await("summary.sent");
    assertThat(wrong.path("ok").asBoolean()).isFalse();
    assertThat(wrong.path("message").asText())
        .isEqualTo("Enter an email address in the correct format, like name@example.com");
    assertThat(smtp.getReceivedMessages()).isEmpty();

    k.send("summary.email", Map.of("callId", call.callId(), "email", " margaret@example.com "));
    JsonNode sent = k.await("summary.sent");
    assertThat(sent.path("ok").asBoolean()).isTrue();
    assertThat(sent.path("sentTo").asText()).isEqualTo("m•••@example.com");

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("margaret@example.com");
    assertThat(received[0].getSubject()).contains(reference);
    assertThat(GreenMailUtil.getBody(received[0]))
        .contains("Your case reference is " + reference)
        .contains("The council will contact you if they need anything else.")
        .contains("call-summary-" + reference + ".pdf");
    assertThat(timeline())
        .contains("Call summary emailed to m•••@example.com")
        .doesNotContain("margaret@example.com");

    // An older call's summary, or one for another kiosk's call, is not sent anywhere.
    k.send("summary.email", Map.of("callId", "not-this-call", "email", "ann@example.org"));
    assertThat(k.await("summary.sent").path("ok").asBoolean()).isFalse();
    assertThat(smtp.getReceivedMessages()).hasSize(1);
  }

  @Test
  void aResidentCannotEmailTheSummaryWithoutEnd() throws Exception {
    server =
        new TestServer(
            c ->
                c.withMail(c.mail().withSmtp("127.0.0.1", smtp.getSmtp().getPort(), false))
                    .withLimits(c.limits().withSummaryEmails(2, 20)));
    call = ConnectedCall.start(server, "alex");
    call.kioskSocket().send("call.hangup", Map.of("callId", call.callId()));
    WsClient k = call.kioskSocket();
    k.await("call.summary");
    for (int i = 0; i < 2; i++) {
      k.send("summary.email", Map.of("callId", call.callId(), "email", "ann@example.org"));
      assertThat(k.await("summary.sent").path("ok").asBoolean()).isTrue();
    }
    k.send("summary.email", Map.of("callId", call.callId(), "email", "ann@example.org"));
    JsonNode refused = k.await("summary.sent");
    assertThat(refused.path("ok").asBoolean()).isFalse();
    assertThat(refused.path("message").asText()).contains("as many times as it can be");
    assertThat(smtp.getReceivedMessages()).hasSize(2);
  }

  // ---- helpers ----

  private String reference() {
    return call.advisorApi()
        .get("/api/cases/" + call.caseId())
        .body()
        .path("case")
        .path("reference")
        .asText(
            call.advisorApi().get("/api/cases/" + call.caseId()).body().path("reference").asText());
  }

  private String timeline() {
    return call.advisorApi().get("/api/cases/" + call.caseId()).body().path("timeline").toString();
  }

  private HttpResponse<byte[]> fetch(String printId) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create(server.url() + "/api/kiosk/prints/" + printId + "/file"))
                .header(
                    "Authorization",
                    "Kiosk " + call.kiosk().kiosk().id() + ":" + call.kiosk().secret())
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String textOf(byte[] pdf) throws Exception {
    try (PDDocument d = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(d);
    }
  }

  private void sendBlueBadge() {
    var customer =
        call.advisorApi()
            .post(
                "/api/customers",
                Map.of(
                    "firstName", "Margaret",
                    "lastName", "Oneill",
                    "dateOfBirth", "1941-03-04",
                    "addressLine1", "12 Church Street",
                    "town", "Ampthill",
                    "postcode", "MK45 2PL"));
    call.advisorApi()
        .put(
            "/api/cases/" + call.caseId() + "/customer",
            Map.of("customerId", customer.body().path("customer").path("id").asText()));
    String sessionId =
        call.advisorApi()
            .post("/api/calls/" + call.callId() + "/forms", Map.of("formId", "blue-badge"))
            .body()
            .path("id")
            .asText();
    WsClient k = call.kioskSocket();
    k.await("form.opened");
    Map<String, String> answers = new LinkedHashMap<>();
    answers.put("nationalInsurance", "QQ 12 34 56 C");
    answers.put("eligibility", "walking");
    answers.put("walkingDistance", "50-to-80");
    answers.put("condition", "I cannot walk far");
    answers.forEach(
        (field, value) -> {
          Map<String, Object> m = new HashMap<>();
          m.put("sessionId", sessionId);
          m.put("field", field);
          m.put("value", value);
          m.put("final", true);
          k.send("form.answer", m);
          k.await(
              "form.updated",
              u -> u.path("field").asText().equals(field) && u.path("final").asBoolean());
        });
    k.send("form.sign", signature(sessionId));
    k.await("form.completed", Duration.ofSeconds(30));
  }

  private void pay() {
    String paymentId =
        call.advisorApi()
            .post("/api/calls/" + call.callId() + "/payments", Map.of("itemId", "garden-waste"))
            .body()
            .path("paymentId")
            .asText();
    WsClient k = call.kioskSocket();
    k.send("payment.pay", Map.of("paymentId", paymentId));
    k.await("payment.updated", p -> p.path("status").asText().equals("WAITING_FOR_CARD"));
    k.send("payment.test_card", Map.of("paymentId", paymentId, "card", "approved"));
    k.await("payment.updated", p -> p.has("receiptDocumentId"));
  }

  private static Map<String, Object> signature(String sessionId) {
    List<List<Map<String, Object>>> all = new ArrayList<>();
    long t = 1_780_000_000_000L;
    for (int s = 0; s < 3; s++) {
      List<Map<String, Object>> points = new ArrayList<>();
      for (int i = 0; i < 20; i++)
        points.add(
            Map.of(
                "x",
                20 + s * 150 + i * 6,
                "y",
                60 + (i % 5) * 12,
                "pressure",
                0.5,
                "time",
                t += 16));
      all.add(points);
    }
    return Map.of("sessionId", sessionId, "width", 600, "height", 200, "strokes", all);
  }
}
