package uk.gov.council.cap.server.forms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.testing.Api;
import uk.gov.council.cap.server.testing.Await;
import uk.gov.council.cap.server.testing.ConnectedCall;
import uk.gov.council.cap.server.testing.TestServer;
import uk.gov.council.cap.server.testing.WsClient;

/**
 * A form pushed in a live call, co-filled over the sockets, signed, sealed and stored on the case.
 */
class FormsInCallTest {
  private TestServer server;
  private KioskRepository.Enrolled kiosk;
  private Api alexApi;
  private WsClient alex;
  private WsClient k;
  private String callId;
  private String caseId;

  @BeforeEach
  void aConnectedCall() {
    server = new TestServer();
    ConnectedCall call = ConnectedCall.start(server, "alex");
    server.staff("sam", Role.ADVISOR, Set.of("general"));
    kiosk = call.kiosk();
    alexApi = call.advisorApi();
    alex = call.advisor();
    k = call.kioskSocket();
    callId = call.callId();
    caseId = call.caseId();
  }

  @AfterEach
  void tearDown() {
    alex.close();
    k.close();
    server.close();
  }

  @Test
  void theAdvisorPushesABlueBadgeFormPrefilledFromTheCaseAndBothSidesSeeEachOthersAnswers() {
    linkCustomer();
    Api.Response started =
        alexApi.post("/api/calls/" + callId + "/forms", Map.of("formId", "blue-badge"));
    assertThat(started.status()).isEqualTo(201);
    String sessionId = started.body().path("id").asText();

    JsonNode opened = k.await("form.opened");
    assertThat(opened.path("form").path("title").asText()).isEqualTo("Apply for a Blue Badge");
    assertThat(opened.path("form").path("pages").get(0).path("question").asText())
        .isEqualTo("What is your full name?");
    assertThat(opened.path("answers").path("fullName").asText()).isEqualTo("Margaret Oneill");
    assertThat(opened.path("answers").path("postcode").asText()).isEqualTo("MK45 2PL");
    assertThat(opened.has("schema")).isFalse();
    assertThat(alex.await("form.opened").path("sessionId").asText()).isEqualTo(sessionId);

    // Typing on the kiosk shows on the console as it happens, without errors until the resident
    // moves on.
    k.send("form.answer", answer(sessionId, "nationalInsurance", "QQ 12", false));
    JsonNode live = alex.await("form.updated");
    assertThat(live.path("value").asText()).isEqualTo("QQ 12");
    assertThat(live.path("by").asText()).isEqualTo("resident");
    assertThat(live.path("error").isNull()).isTrue();

    k.send("form.answer", answer(sessionId, "nationalInsurance", "QQ 12", true));
    assertThat(alex.await("form.updated").path("error").asText())
        .isEqualTo("Enter a National Insurance number in the correct format, like QQ 12 34 56 C");
    assertThat(k.await("form.updated", Duration.ofSeconds(5)).path("final").asBoolean()).isFalse();
    assertThat(k.await("form.updated").path("error").asText())
        .startsWith("Enter a National Insurance number");

    // The advisor fills a field; the kiosk sees it, with who typed it.
    alex.send("form.answer", answer(sessionId, "nationalInsurance", "QQ 12 34 56 C", true));
    JsonNode fromAdvisor = k.await("form.updated");
    assertThat(fromAdvisor.path("value").asText()).isEqualTo("QQ 12 34 56 C");
    assertThat(fromAdvisor.path("by").asText()).isEqualTo("advisor");
    assertThat(fromAdvisor.path("byName").asText()).isEqualTo("Alex Tester");
    assertThat(fromAdvisor.path("error").isNull()).isTrue();

    // A condition: walking difficulty brings in two more pages.
    k.send("form.answer", answer(sessionId, "eligibility", "walking", true));
    JsonNode eligibility = alex.await("form.updated");
    while (!eligibility.path("field").asText().equals("eligibility"))
      eligibility = alex.await("form.updated");
    assertThat(eligibility.path("display").asText()).isEqualTo("I find walking very difficult");
    assertThat(eligibility.path("visiblePages").toString())
        .contains("walking-distance", "condition");
  }

  @Test
  void aCompletedSignedFormIsSealedAndStoredOnTheCaseWithItsSignatureEvidence() throws Exception {
    String sessionId = startBlueBadge();
    fillBlueBadge(sessionId, "<script>alert('x')</script> I can't walk far");
    k.send("form.sign", signature(sessionId, 3));
    assertThat(k.await("form.signed").path("sessionId").asText()).isEqualTo(sessionId);
    JsonNode completed = k.await("form.completed", Duration.ofSeconds(30));
    String documentId = completed.path("documentId").asText();
    assertThat(alex.await("form.completed", Duration.ofSeconds(30)).path("documentId").asText())
        .isEqualTo(documentId);

    JsonNode documents = alexApi.get("/api/cases/" + caseId + "/documents").body();
    assertThat(documents).hasSize(2);
    JsonNode pdf = documents.get(0);
    assertThat(pdf.path("kind").asText()).isEqualTo("form");
    assertThat(pdf.path("title").asText()).isEqualTo("Apply for a Blue Badge");
    assertThat(pdf.path("sha256").asText()).hasSize(64);
    assertThat(documents.get(1).path("kind").asText()).isEqualTo("signature-evidence");
    assertThat(documents.get(1).path("evidenceOf").asText()).isEqualTo(documentId);

    HttpResponse<byte[]> file = download(pdf.path("url").asText());
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.headers().firstValue("Content-Type")).hasValue("application/pdf");
    try (PDDocument doc = Loader.loadPDF(file.body())) {
      String text = new PDFTextStripper().getText(doc);
      assertThat(text)
          .contains(
              "Apply for a Blue Badge",
              "Margaret Oneill",
              "QQ 12 34 56 C",
              "I find walking very difficult",
              "Between 50 and 80 metres",
              "<script>alert('x')</script> I can't walk far",
              "Form: blue-badge, version 1",
              "4 March 1941");
      assertThat(doc.getSignatureDictionaries()).hasSize(1);
    }
    JsonNode seal = alexApi.get("/api/documents/" + documentId + "/seal").body();
    assertThat(seal.path("intact").asBoolean()).isTrue();
    assertThat(seal.path("unchangedSinceStored").asBoolean()).isTrue();
    assertThat(seal.path("level").asText()).isEqualTo("PAdES-BASELINE-B");
    assertThat(seal.path("signedBy").asText()).contains("Test Council");

    JsonNode evidence =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(download(documents.get(1).path("url").asText()).body());
    assertThat(evidence.path("strokes")).hasSize(3);
    assertThat(evidence.path("strokes").get(0).get(0).has("pressure")).isTrue();

    JsonNode theCase = alexApi.get("/api/cases/" + caseId).body();
    assertThat(theCase.toString())
        .contains("form.completed", "Apply for a Blue Badge signed and sealed");
    JsonNode forms = alexApi.get("/api/cases/" + caseId + "/forms").body();
    assertThat(forms.get(0).path("status").asText()).isEqualTo("COMPLETED");
    assertThat(forms.get(0).path("documentId").asText()).isEqualTo(documentId);
    server.staff("sue", Role.SUPERVISOR, Set.of("general"));
    JsonNode auditTrail = server.signIn("sue").get("/api/audit?caseId=" + caseId).body();
    assertThat(auditTrail.toString())
        .contains("form.started", "form.answered", "form.signed", "document.viewed");
  }

  @Test
  void signingWithARequiredAnswerMissingIsRefusedNamingTheAnswerAndStoresNothing() {
    String sessionId = startBlueBadge();
    k.send("form.answer", answer(sessionId, "fullName", "Margaret Oneill", true));
    k.send("form.sign", signature(sessionId, 2));
    JsonNode rejected = k.await("form.rejected");
    assertThat(rejected.path("message").asText())
        .isEqualTo("Some answers need changing before you sign.");
    assertThat(rejected.path("errors").toString())
        .contains(
            "Enter your National Insurance number",
            "\"page\":\"national-insurance\"",
            "Select why you are applying");
    assertThat(alexApi.get("/api/cases/" + caseId + "/documents").body()).isEmpty();
  }

  @Test
  void aSignatureWithNoStrokesIsRefused() {
    String sessionId = startBlueBadge();
    fillBlueBadge(sessionId, "Arthritis");
    k.send("form.sign", signature(sessionId, 0));
    assertThat(k.await("form.rejected").path("message").asText())
        .isEqualTo("Sign your name in the box before you confirm");
    assertThat(alexApi.get("/api/cases/" + caseId + "/documents").body()).isEmpty();
  }

  @Test
  void answersThatBreakTheDefinitionGetTheFormsOwnMessages() {
    String sessionId = startBlueBadge();
    k.send("form.answer", answer(sessionId, "fullName", "x".repeat(101), true));
    assertThat(lastUpdate(k, "fullName").path("error").asText())
        .isEqualTo("Full name must be 100 characters or fewer");
    k.send("form.answer", answer(sessionId, "dateOfBirth", "1941-02-30", true));
    assertThat(lastUpdate(k, "dateOfBirth").path("error").asText())
        .isEqualTo("Date of birth must be a real date");
    // A year after the server's today (it checks against its clock, which starts on a fixed day).
    String nextYear =
        LocalDate.ofInstant(server.clock().now(), ZoneId.systemDefault()).plusYears(1).toString();
    k.send("form.answer", answer(sessionId, "dateOfBirth", nextYear, true));
    assertThat(lastUpdate(k, "dateOfBirth").path("error").asText())
        .isEqualTo("Date of birth must be in the past");
    k.send("form.answer", answer(sessionId, "eligibility", "because", true));
    assertThat(lastUpdate(k, "eligibility").path("error").asText())
        .isEqualTo("Select why you are applying");

    k.send("form.answer", answer(sessionId, "favouriteColour", "blue", true));
    assertThat(k.await("error").path("message").asText())
        .isEqualTo("This form has no question called favouriteColour.");
    k.sendRaw(
        "{\"v\":1,\"type\":\"form.answer\",\"id\":\"m1\",\"payload\":{\"sessionId\":\""
            + sessionId
            + "\",\"field\":\"fullName\",\"value\":42,\"final\":true}}");
    assertThat(k.await("error").path("code").asText()).isEqualTo("invalid_payload");
  }

  @Test
  void aFormCannotBeSentToAKioskThatIsNotInACallNorByAnotherAdvisor() {
    Api.Response unknown =
        alexApi.post("/api/calls/no-such-call/forms", Map.of("formId", "blue-badge"));
    assertThat(unknown.status()).isEqualTo(409);
    assertThat(unknown.body().path("error").asText())
        .isEqualTo("This call is not in progress, so the kiosk cannot be sent a form.");
    assertThat(
            alexApi
                .post("/api/calls/" + callId + "/forms", Map.of("formId", "no-such-form"))
                .status())
        .isEqualTo(404);
    assertThat(
            server
                .signIn("sam")
                .post("/api/calls/" + callId + "/forms", Map.of("formId", "blue-badge"))
                .status())
        .isEqualTo(403);

    alex.send("call.hangup", Map.of("callId", callId));
    k.await("call.ended");
    assertThat(
            alexApi
                .post("/api/calls/" + callId + "/forms", Map.of("formId", "blue-badge"))
                .status())
        .isEqualTo(409);
  }

  @Test
  void aPausedFormResumesWithItsAnswersAndADraftOutlivesTheCall() {
    String sessionId = startBlueBadge();
    k.send("form.answer", answer(sessionId, "fullName", "Margaret Oneill", true));
    lastUpdate(k, "fullName");
    assertThat(alexApi.post("/api/form-sessions/" + sessionId + "/pause", Map.of()).status())
        .isEqualTo(200);
    assertThat(k.await("form.closed").path("reason").asText()).isEqualTo("paused");

    assertThat(alexApi.post("/api/form-sessions/" + sessionId + "/resume", Map.of()).status())
        .isEqualTo(200);
    assertThat(k.await("form.opened").path("answers").path("fullName").asText())
        .isEqualTo("Margaret Oneill");

    k.send("call.hangup", Map.of("callId", callId));
    k.await("call.ended");
    JsonNode draft = awaitStatus("PAUSED");
    assertThat(draft.path("answers").get(0).path("answer").asText()).isEqualTo("Margaret Oneill");
    assertThat(draft.path("answers").get(0).path("by").asText()).isEqualTo("resident");
    assertThat(alexApi.get("/api/cases/" + caseId).body().toString())
        .contains("left unfinished when the call ended");
  }

  @Test
  void aKioskScreenThatReloadsDuringAFormIsSentTheFormAgainWithItsAnswers() {
    String sessionId = startBlueBadge();
    k.send("form.answer", answer(sessionId, "nationalInsurance", "QQ 12 34 56 C", true));
    lastUpdate(k, "nationalInsurance");

    // kiosk-app says its screen went, then that a new one is there (a page reload): the call
    // carries on.
    k.send("call.screen_lost", Map.of("callId", callId));
    alex.await("call.paused");
    k.send("call.rejoin", Map.of("callId", callId));
    assertThat(k.await("call.connected").path("resumed").asBoolean()).isTrue();

    JsonNode again = k.await("form.opened");
    assertThat(again.path("sessionId").asText()).isEqualTo(sessionId);
    assertThat(again.path("answers").path("nationalInsurance").asText()).isEqualTo("QQ 12 34 56 C");
    assertThat(again.path("answeredBy").path("nationalInsurance").asText()).isEqualTo("resident");
    alex.await("form.opened", p -> p.path("sessionId").asText().equals(sessionId));
  }

  @Test
  void theLibraryIsSearchedByNameAndKeyword() {
    assertThat(alexApi.get("/api/forms?q=badge").body().get(0).path("id").asText())
        .isEqualTo("blue-badge");
    assertThat(alexApi.get("/api/forms?q=moving").body().get(0).path("id").asText())
        .isEqualTo("council-tax-move");
    assertThat(alexApi.get("/api/forms").body()).hasSize(3);
    assertThat(alexApi.get("/api/forms?q=nothing+like+this").body()).isEmpty();
  }

  // ---- helpers ----

  private void linkCustomer() {
    Api.Response customer =
        alexApi.post(
            "/api/customers",
            Map.of(
                "firstName",
                "Margaret",
                "lastName",
                "Oneill",
                "dateOfBirth",
                "1941-03-04",
                "addressLine1",
                "12 Church Street",
                "town",
                "Ampthill",
                "postcode",
                "MK45 2PL"));
    assertThat(customer.status()).isEqualTo(201);
    assertThat(
            alexApi
                .put(
                    "/api/cases/" + caseId + "/customer",
                    Map.of("customerId", customer.body().path("customer").path("id").asText()))
                .status())
        .isEqualTo(200);
  }

  private String startBlueBadge() {
    linkCustomer();
    Api.Response started =
        alexApi.post("/api/calls/" + callId + "/forms", Map.of("formId", "blue-badge"));
    assertThat(started.status()).isEqualTo(201);
    k.await("form.opened");
    return started.body().path("id").asText();
  }

  private void fillBlueBadge(String sessionId, String condition) {
    Map<String, String> answers = new java.util.LinkedHashMap<>();
    answers.put("nationalInsurance", "QQ 12 34 56 C");
    answers.put("eligibility", "walking");
    answers.put("walkingDistance", "50-to-80");
    answers.put("condition", condition);
    answers.forEach(
        (field, value) -> {
          k.send("form.answer", answer(sessionId, field, value, true));
          assertThat(lastUpdate(k, field).path("error").isNull()).as(field).isTrue();
        });
  }

  private static JsonNode lastUpdate(WsClient socket, String field) {
    while (true) {
      JsonNode u = socket.await("form.updated");
      if (u.path("field").asText().equals(field) && u.path("final").asBoolean()) return u;
    }
  }

  private JsonNode awaitStatus(String status) {
    return Await.until(
        "the form to be " + status,
        () -> alexApi.get("/api/cases/" + caseId + "/forms").body().get(0),
        form -> form.path("status").asText().equals(status));
  }

  private static Map<String, Object> answer(
      String sessionId, String field, String value, boolean isFinal) {
    Map<String, Object> m = new HashMap<>();
    m.put("sessionId", sessionId);
    m.put("field", field);
    m.put("value", value);
    m.put("final", isFinal);
    return m;
  }

  private static Map<String, Object> signature(String sessionId, int strokes) {
    List<List<Map<String, Object>>> all = new ArrayList<>();
    long t = 1_780_000_000_000L;
    for (int s = 0; s < strokes; s++) {
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

  private HttpResponse<byte[]> download(String path) {
    return alexApi.download(path);
  }
}
