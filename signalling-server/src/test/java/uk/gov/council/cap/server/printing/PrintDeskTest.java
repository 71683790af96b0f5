package uk.gov.council.cap.server.printing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.protocol.ProtocolCodec;
import uk.gov.council.cap.server.artefacts.CaseDocument;
import uk.gov.council.cap.server.artefacts.CaseDocuments;
import uk.gov.council.cap.server.artefacts.DiskFileStore;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.cases.CaseRepository;
import uk.gov.council.cap.server.db.Database;
import uk.gov.council.cap.server.db.Ids;
import uk.gov.council.cap.server.incall.CallContext;
import uk.gov.council.cap.server.incall.CallContexts;
import uk.gov.council.cap.server.incall.CallParties;
import uk.gov.council.cap.server.incall.InCallProblem;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.StaffMember;
import uk.gov.council.cap.server.testing.CallRows;
import uk.gov.council.cap.server.testing.Databases;
import uk.gov.council.cap.server.testing.FakeClock;
import uk.gov.council.cap.server.testing.RecordingCallPort;
import uk.gov.council.cap.server.threads.SerialThread;

/** Printing on its own: no server, no sockets; its thread runs inline. */
class PrintDeskTest {
  private static final StaffMember ALEX =
      new StaffMember(
          "staff-alex", "alex", "Alex", Role.ADVISOR, Set.of("general"), Set.of(), Set.of());
  private static final StaffMember SAM =
      new StaffMember(
          "staff-sam", "sam", "Sam", Role.ADVISOR, Set.of("general"), Set.of(), Set.of());

  private final ProtocolCodec codec = new ProtocolCodec();
  private final FakeClock clock = FakeClock.stopped();
  private Database db;
  private Jdbi jdbi;
  private RecordingCallPort port;
  private CallContexts calls;
  private CaseDocuments documents;
  private CaseRepository cases;
  private PrintDesk desk;
  private CallParties call;

  @BeforeEach
  void setUp() throws Exception {
    db = Databases.H2.open();
    jdbi = db.jdbi();
    Ids ids = new Ids();
    port = new RecordingCallPort(codec);
    cases = new CaseRepository(jdbi, ids, clock);
    calls = new CallContexts(port, id -> Optional.of(id), codec);
    documents =
        new CaseDocuments(jdbi, ids, new DiskFileStore(Files.createTempDirectory("cap-files")));
    desk =
        new PrintDesk(
            documents,
            cases,
            calls,
            new AuditLog(jdbi, clock),
            ids,
            SerialThread.inline("printing"));
    call = CallRows.connectedCall(jdbi, ALEX.id());
    port.inProgress(call);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void theKioskIsAskedToPrintAndItsAnswerGoesOnTheCaseAndToTheAdvisor() throws Exception {
    CaseDocument badge = pdfOn(call.caseId());
    Map<String, Object> sent = desk.request(call.callId(), badge.id(), PrintDesk.Paper.CR80, ALEX);
    assertThat(sent).containsEntry("status", "SENT").containsEntry("paper", "CR80");
    Envelope asked = port.last(MessageType.PRINT_REQUESTED);
    assertThat(port.toKiosk()).containsExactly(asked);
    String printId = asked.text("printId");
    assertThat(desk.fileFor(call.kioskId(), printId)).startsWith("%PDF".getBytes());

    desk.onKiosk(ctx(), done(printId, true));

    Envelope printed = port.last(MessageType.PRINT_UPDATED);
    assertThat(printed.text("status")).isEqualTo("PRINTED");
    assertThat(port.toStaff(ALEX.id())).containsExactly(printed);
    assertThat(timelineKinds()).contains("print.done");
  }

  @Test
  void aSecondOutcomeForOneJobIsRefusedAndTheFileIsNoLongerServed() {
    CaseDocument badge = pdfOn(call.caseId());
    desk.request(call.callId(), badge.id(), PrintDesk.Paper.CR80, ALEX);
    String printId = port.last(MessageType.PRINT_REQUESTED).text("printId");
    desk.onKiosk(ctx(), done(printId, false));
    port.clear();

    desk.onKiosk(ctx(), done(printId, true));

    assertThat(port.sent()).isEmpty();
    assertThat(timelineKinds()).containsOnlyOnce("print.failed").doesNotContain("print.done");
    assertThatThrownBy(() -> desk.fileFor(call.kioskId(), printId))
        .isInstanceOf(InCallProblem.class);
  }

  @Test
  void theCallEndingForgetsItsJobsAndAResumedCallChangesNothing() {
    CaseDocument badge = pdfOn(call.caseId());
    desk.request(call.callId(), badge.id(), PrintDesk.Paper.A4, ALEX);
    String printId = port.last(MessageType.PRINT_REQUESTED).text("printId");
    desk.onCallResumed(ctx());
    assertThat(desk.thread().name()).isEqualTo("printing");

    desk.onCallEnded(ctx());
    port.clear();
    desk.onKiosk(ctx(), done(printId, true));

    assertThat(port.sent()).isEmpty();
    assertThatThrownBy(() -> desk.fileFor(call.kioskId(), printId))
        .hasMessage("There is no print job for this kiosk with that id.");
  }

  @Test
  void onlyTheCallsAdvisorMayPrintAndOnlyTheCasesOwnPdfs() {
    CaseDocument badge = pdfOn(call.caseId());
    assertThatThrownBy(() -> desk.request(call.callId(), badge.id(), PrintDesk.Paper.A4, SAM))
        .isInstanceOf(InCallProblem.class)
        .hasMessage("Only the advisor in this call can do that.");
    CallParties other = CallRows.connectedCall(jdbi, ALEX.id());
    CaseDocument elsewhere = pdfOn(other.caseId());
    assertThatThrownBy(() -> desk.request(call.callId(), elsewhere.id(), PrintDesk.Paper.A4, ALEX))
        .hasMessage("That document belongs to another case.");
    port.ended(call.callId());
    assertThatThrownBy(() -> desk.request(call.callId(), badge.id(), PrintDesk.Paper.A4, ALEX))
        .hasMessage("This call is not in progress, so the kiosk cannot print.");
    assertThat(port.sent()).isEmpty();
  }

  @Test
  void anOutcomeIsFinal() {
    assertThat(PrintStatus.SENT.canMoveTo(PrintStatus.PRINTED)).isTrue();
    assertThat(PrintStatus.SENT.canMoveTo(PrintStatus.FAILED)).isTrue();
    assertThat(PrintStatus.PRINTED.canMoveTo(PrintStatus.FAILED)).isFalse();
    assertThat(PrintStatus.FAILED.canMoveTo(PrintStatus.PRINTED)).isFalse();
    assertThat(PrintStatus.SENT.canMoveTo(PrintStatus.SENT)).isFalse();
  }

  private CallContext ctx() {
    return calls.of(call);
  }

  private Envelope done(String printId, boolean ok) {
    Map<String, Object> p =
        ok
            ? Map.of("printId", printId, "ok", true, "jobId", "job-1")
            : Map.of("printId", printId, "ok", false, "message", "Out of cards");
    try {
      return codec.decode(codec.encode(MessageType.PRINT_DONE, p));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private CaseDocument pdfOn(String caseId) {
    try {
      CaseDocument d =
          documents.store(
              new CaseDocuments.NewDocument(
                  caseId,
                  "badge",
                  "ID badge",
                  "application/pdf",
                  "%PDF-1.7 a badge".getBytes(),
                  "staff:alex",
                  clock.now(),
                  null,
                  null));
      jdbi.useHandle(h -> documents.record(h, d));
      return d;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private java.util.List<String> timelineKinds() {
    return jdbi.withHandle(
        h ->
            h.createQuery("select kind from case_timeline where case_id = :c order by at")
                .bind("c", call.caseId())
                .mapTo(String.class)
                .list());
  }
}
