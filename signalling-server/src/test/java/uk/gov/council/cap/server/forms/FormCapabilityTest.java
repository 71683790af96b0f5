package uk.gov.council.cap.server.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.council.cap.documents.seal.CouncilSeal;
import uk.gov.council.cap.documents.seal.SealKeystore;
import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.protocol.ProtocolCodec;
import uk.gov.council.cap.server.artefacts.CaseDocuments;
import uk.gov.council.cap.server.artefacts.DiskFileStore;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.calls.CallRepository;
import uk.gov.council.cap.server.cases.CaseRecord;
import uk.gov.council.cap.server.cases.CaseRepository;
import uk.gov.council.cap.server.cases.TimelineEntry;
import uk.gov.council.cap.server.customers.CustomerRepository;
import uk.gov.council.cap.server.db.Database;
import uk.gov.council.cap.server.db.Ids;
import uk.gov.council.cap.server.forms.FormSession.Status;
import uk.gov.council.cap.server.incall.CallContext;
import uk.gov.council.cap.server.incall.CallContexts;
import uk.gov.council.cap.server.incall.CallParties;
import uk.gov.council.cap.server.incall.InCallProblem;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.sites.OpeningHours;
import uk.gov.council.cap.server.sites.SiteRepository;
import uk.gov.council.cap.server.staff.PasswordHasher;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.StaffMember;
import uk.gov.council.cap.server.staff.StaffRepository;
import uk.gov.council.cap.server.testing.Databases;
import uk.gov.council.cap.server.testing.FakeClock;
import uk.gov.council.cap.server.testing.RecordingCallPort;
import uk.gov.council.cap.server.threads.SerialThread;

/**
 * The forms capability alone: no server, no sockets. Its thread runs inline, the call desk is a
 * recording fake, the clock stands still and the database is an H2 of its own.
 */
class FormCapabilityTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static CouncilSeal seal;

  @TempDir Path dir;
  private final FakeClock clock = FakeClock.stopped();
  private final Ids ids = new Ids();
  private final ProtocolCodec codec = new ProtocolCodec();
  private final RecordingCallPort port = new RecordingCallPort();
  private Database db;
  private Jdbi jdbi;
  private FormSessionRepository sessions;
  private CaseRepository cases;
  private CaseDocuments documents;
  private CallContexts calls;
  private StaffMember alex;
  private StaffMember sam;
  private CallParties call;
  private FormDesk desk;

  @BeforeAll
  static void aSeal(@TempDir Path sealDir) throws Exception {
    SealKeystore keystore = new SealKeystore(sealDir.resolve("seal.p12"), "pw".toCharArray());
    keystore.generateSelfSigned("Test Council", FakeClock.START);
    seal = new CouncilSeal(keystore, Optional.empty(), "Test Council");
  }

  @BeforeEach
  void aConnectedCall() throws Exception {
    db = Databases.H2.open();
    jdbi = db.jdbi();
    sessions = new FormSessionRepository(jdbi);
    cases = new CaseRepository(jdbi, ids, clock);
    documents = new CaseDocuments(jdbi, ids, new DiskFileStore(dir.resolve("files")));
    calls = new CallContexts(port, Optional::of, codec);
    var site =
        new SiteRepository(jdbi, ids)
            .create(
                "Library",
                "01632 960 000",
                java.time.ZoneId.of("Europe/London"),
                OpeningHours.parse("Mon-Fri 09:00-17:00"),
                List.of("general"),
                List.of(),
                120);
    var kiosk = new KioskRepository(jdbi, ids, clock).create("Kiosk", site.id());
    StaffRepository staff = new StaffRepository(jdbi, ids, clock, new PasswordHasher());
    alex = staff.create("alex", "Alex Tester", Role.ADVISOR, Set.of("general"), "pw-long-enough");
    sam = staff.create("sam", "Sam Tester", Role.ADVISOR, Set.of("general"), "pw-long-enough");
    CallRepository callRows = new CallRepository(jdbi);
    CaseRecord theCase =
        jdbi.inTransaction(
            h -> {
              CaseRecord c = cases.open(h);
              callRows.insertQueued(
                  h, "call-1", c.id(), kiosk.kiosk().id(), "general", clock.now());
              callRows.markConnected(h, "call-1", alex.id(), clock.now());
              return c;
            });
    call =
        port.connect(
            new CallParties(
                "call-1",
                theCase.id(),
                theCase.reference(),
                kiosk.kiosk().id(),
                "Kiosk",
                alex.id()));
    desk = newDesk();
  }

  /** A forms capability on this test's database: making a second one is a server restart. */
  private FormDesk newDesk() {
    return new FormDesk(
        FormLibrary.load(Optional.empty(), clock),
        sessions,
        new FormSealer(seal, "Test Council"),
        documents,
        cases,
        new CustomerRepository(jdbi, ids, clock),
        calls,
        new AuditLog(jdbi, clock),
        jdbi,
        ids,
        clock,
        SerialThread.inline("forms"),
        Runnable::run);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aFormIsSentAnsweredFollowedSignedAndSealed() {
    FormSession session = desk.start("call-1", "library-membership", alex);
    assertThat(port.toKiosk("form.opened")).hasSize(1);
    assertThat(port.toAdvisor("form.opened").get(0).path("sessionId").asText())
        .isEqualTo(session.id());

    fillIn(session.id());
    JsonNode update = port.toAdvisor("form.updated").get(0);
    assertThat(update.path("by").asText()).isEqualTo("resident");
    desk.onAdvisor(
        ctx(), alex, message(MessageType.FORM_ANSWER, answer(session.id(), "reminders", "none")));
    JsonNode byAdvisor = last(port.toKiosk("form.updated"));
    assertThat(byAdvisor.path("byName").asText()).isEqualTo("Alex Tester");
    assertThat(sessions.find(session.id()).orElseThrow().answers())
        .containsEntry("reminders", "none");

    desk.onKiosk(
        ctx(),
        message(MessageType.FORM_PROGRESS, Map.of("sessionId", session.id(), "step", "check")));
    assertThat(port.toAdvisor("form.progress")).hasSize(1);
    assertThat(port.toKiosk("form.progress")).isEmpty();

    desk.onKiosk(ctx(), message(MessageType.FORM_SIGN, signature(session.id())));
    assertThat(port.toKiosk("form.signed").get(0).has("signatureImage")).isFalse();
    assertThat(port.toAdvisor("form.signed").get(0).path("signatureImage").asText())
        .startsWith("data:image/png;base64,");
    JsonNode completed = port.toKiosk("form.completed").get(0);
    FormSession stored = sessions.find(session.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(Status.COMPLETED);
    assertThat(stored.documentId()).isEqualTo(completed.path("documentId").asText());
    assertThat(documents.ofCase(call.caseId())).hasSize(2);
    assertThat(port.toAdvisor("form.completed")).hasSize(1);
  }

  @Test
  void aFormReadInPolishIsSealedWithThePolishQuestionsAndTheEnglishBeneath() throws Exception {
    FormSession session = desk.start("call-1", "library-membership", alex);
    fillIn(session.id());
    Map<String, Object> signed = new LinkedHashMap<>(signature(session.id()));
    signed.put("language", "pl");
    desk.onKiosk(ctx(), message(MessageType.FORM_SIGN, signed));

    var record =
        documents.ofCase(call.caseId()).stream()
            .filter(d -> d.kind().equals("form"))
            .findFirst()
            .orElseThrow();
    try (var pdf = org.apache.pdfbox.Loader.loadPDF(documents.bytesOf(record))) {
      String text =
          new org.apache.pdfbox.text.PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
      assertThat(text)
          .contains(
              "Zapisz się do biblioteki",
              "Join the library",
              "Language: Polski (Polish)",
              "Jakie jest Twoje imię i nazwisko? What is your full name? Ann Lee",
              "Pocztą (By post)");
      assertThat(pdf.getDocumentCatalog().getLanguage()).isEqualTo("pl");
    }
  }

  @Test
  void aWrongAnswerSaysWhichMessageItIsSoTheKioskCanShowItInTheResidentsLanguage() {
    FormSession session = desk.start("call-1", "library-membership", alex);
    desk.onKiosk(
        ctx(),
        message(MessageType.FORM_ANSWER, answer(session.id(), "postcode", "not a postcode")));
    JsonNode update = last(port.toKiosk("form.updated"));
    assertThat(update.path("error").asText()).isEqualTo("Enter a real postcode, like LU5 4PP");
    assertThat(update.path("errorKey").asText()).isEqualTo("pattern");
  }

  @Test
  void theCallEndingMidFormLeavesADraftOnTheCase() {
    FormSession session = desk.start("call-1", "library-membership", alex);
    desk.onKiosk(
        ctx(), message(MessageType.FORM_ANSWER, answer(session.id(), "fullName", "Ann Lee")));
    CallContext ended = ctx();
    port.end("call-1");
    desk.onCallEnded(ended);

    FormSession draft = sessions.find(session.id()).orElseThrow();
    assertThat(draft.status()).isEqualTo(Status.PAUSED);
    assertThat(draft.answers()).containsEntry("fullName", "Ann Lee");
    assertThat(cases.timeline(call.caseId()))
        .extracting(TimelineEntry::summary)
        .contains("Join the library left unfinished when the call ended; the draft is kept");
  }

  @Test
  void aScreenComingBackIsSentTheOpenFormAgainWithItsAnswers() {
    FormSession session = desk.start("call-1", "library-membership", alex);
    desk.onKiosk(
        ctx(), message(MessageType.FORM_ANSWER, answer(session.id(), "fullName", "Ann Lee")));
    port.clear();

    desk.onCallResumed(ctx());
    JsonNode again = port.toKiosk("form.opened").get(0);
    assertThat(again.path("sessionId").asText()).isEqualTo(session.id());
    assertThat(again.path("answers").path("fullName").asText()).isEqualTo("Ann Lee");
    assertThat(again.path("answeredBy").path("fullName").asText()).isEqualTo("resident");
    assertThat(port.toAdvisor("form.opened")).hasSize(1);
  }

  @Test
  void aFormBeingSealedWhenTheServerStoppedIsStillBeingSignedAfterTheRestartThenSealed() {
    FormSession session = desk.start("call-1", "library-membership", alex);
    fillIn(session.id());
    // The server stopped after saving the signature, before the sealed record was stored.
    jdbi.useTransaction(
        h -> {
          assertThat(sessions.transition(h, session.id(), Status.OPEN, Status.SIGNING, clock.now()))
              .isTrue();
          sessions.recordSignature(
              h,
              session.id(),
              new FormSessionRepository.Signature(
                  JSON.valueToTree(signature(session.id())).toString(),
                  clock.now(),
                  "kiosk:" + call.kioskId()));
        });
    port.clear();

    FormDesk restarted = newDesk();
    restarted.onCallResumed(ctx());
    assertThat(port.toKiosk("form.signed"))
        .extracting(p -> p.path("sessionId").asText())
        .containsExactly(session.id());
    // A reloaded screen has forgotten the form: it is sent the form, then its signing step.
    assertThat(port.sent())
        .filteredOn(RecordingCallPort.Sent::toKiosk)
        .extracting(RecordingCallPort.Sent::type)
        .containsExactly("form.opened", "form.signed");
    assertThat(port.toAdvisor("form.signed").get(0).path("signatureImage").asText())
        .startsWith("data:image/png;base64,");
    // Its answers can no longer change, and a second "Confirm" is ignored.
    restarted.onKiosk(
        ctx(), message(MessageType.FORM_ANSWER, answer(session.id(), "fullName", "Someone")));
    assertThat(port.toKiosk("error").get(0).path("message").asText())
        .isEqualTo("This form has been signed; its answers can no longer change.");
    restarted.onKiosk(ctx(), message(MessageType.FORM_SIGN, signature(session.id())));
    assertThat(port.toKiosk("form.signed")).hasSize(1);

    restarted.resumeSealing();
    assertThat(port.toKiosk("form.completed")).hasSize(1);
    assertThat(sessions.find(session.id()).orElseThrow().status()).isEqualTo(Status.COMPLETED);
    assertThat(documents.ofCase(call.caseId())).hasSize(2);
  }

  @Test
  void illegalMovesAreRefusedInOnePlace() {
    assertThat(Status.OPEN.canMoveTo(Status.SIGNING)).isTrue();
    assertThat(Status.SIGNING.canMoveTo(Status.COMPLETED)).isTrue();
    assertThat(Status.PAUSED.canMoveTo(Status.SIGNING)).isFalse();
    assertThat(Status.PAUSED.canMoveTo(Status.COMPLETED)).isFalse();
    for (Status next : Status.values()) assertThat(Status.COMPLETED.canMoveTo(next)).isFalse();

    FormSession session = desk.start("call-1", "library-membership", alex);
    // Not allowed by the table: nothing changes.
    assertThat(sessions.transition(session.id(), Status.OPEN, Status.COMPLETED, clock.now()))
        .isFalse();
    // Allowed, but the form is no longer PAUSED (a raced move): nothing changes.
    assertThat(sessions.transition(session.id(), Status.PAUSED, Status.OPEN, clock.now()))
        .isFalse();
    assertThat(sessions.find(session.id()).orElseThrow().status()).isEqualTo(Status.OPEN);

    assertThatThrownBy(() -> desk.resume(session.id(), alex))
        .isInstanceOf(InCallProblem.class)
        .hasMessage("Only a paused form can be resumed.");
    assertThatThrownBy(() -> desk.pause(session.id(), sam))
        .isInstanceOf(InCallProblem.class)
        .hasMessage("Only the advisor in this call can do that.");
    desk.pause(session.id(), alex);
    assertThat(port.toKiosk("form.closed").get(0).path("reason").asText()).isEqualTo("paused");
    // A paused form takes no answers and cannot be signed.
    desk.onKiosk(ctx(), message(MessageType.FORM_SIGN, signature(session.id())));
    assertThat(port.toKiosk("error").get(0).path("message").asText())
        .isEqualTo("That form is not open in this call.");
    assertThat(sessions.find(session.id()).orElseThrow().status()).isEqualTo(Status.PAUSED);
    port.end("call-1");
    assertThatThrownBy(() -> desk.start("call-1", "library-membership", alex))
        .isInstanceOf(InCallProblem.class)
        .hasMessage("This call is not in progress, so the kiosk cannot be sent a form.");
  }

  // ---- helpers ----

  private CallContext ctx() {
    return calls.of(call);
  }

  private void fillIn(String sessionId) {
    Map<String, String> answers = new LinkedHashMap<>();
    answers.put("fullName", "Ann Lee");
    answers.put("dateOfBirth", "1990-01-02");
    answers.put("address", "1 High St");
    answers.put("postcode", "LU5 4PP");
    answers.put("reminders", "post");
    answers.forEach(
        (field, value) ->
            desk.onKiosk(ctx(), message(MessageType.FORM_ANSWER, answer(sessionId, field, value))));
    assertThat(port.toKiosk("error")).isEmpty();
    assertThat(port.toKiosk("form.updated"))
        .allSatisfy(u -> assertThat(u.path("error").isNull()).as(u.toString()).isTrue());
  }

  private static Envelope message(MessageType type, Object payload) {
    return new Envelope(type, "m-" + type.wireName(), (ObjectNode) JSON.valueToTree(payload));
  }

  private static Map<String, Object> answer(String sessionId, String field, String value) {
    return Map.of("sessionId", sessionId, "field", field, "value", value, "final", true);
  }

  private static Map<String, Object> signature(String sessionId) {
    List<List<Map<String, Object>>> strokes = new ArrayList<>();
    for (int s = 0; s < 2; s++) {
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
                1_000 + i * 16));
      strokes.add(points);
    }
    return Map.of("sessionId", sessionId, "width", 600, "height", 200, "strokes", strokes);
  }

  private static JsonNode last(List<JsonNode> list) {
    return list.get(list.size() - 1);
  }
}
