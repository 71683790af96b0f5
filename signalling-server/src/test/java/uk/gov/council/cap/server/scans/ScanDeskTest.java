package uk.gov.council.cap.server.scans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.nio.file.Files;
import java.util.List;
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
import uk.gov.council.cap.server.Digests;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.artefacts.CaseDocuments;
import uk.gov.council.cap.server.artefacts.DiskFileStore;
import uk.gov.council.cap.server.artefacts.JpegUpload;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.cases.CaseRepository;
import uk.gov.council.cap.server.db.Database;
import uk.gov.council.cap.server.db.Ids;
import uk.gov.council.cap.server.incall.CallContexts;
import uk.gov.council.cap.server.incall.CallParties;
import uk.gov.council.cap.server.incall.InCallProblem;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.StaffMember;
import uk.gov.council.cap.server.testing.CallRows;
import uk.gov.council.cap.server.testing.Databases;
import uk.gov.council.cap.server.testing.FakeClock;
import uk.gov.council.cap.server.testing.RecordingCallPort;
import uk.gov.council.cap.server.testing.TestImages;
import uk.gov.council.cap.server.threads.SerialThread;

/** Scanning on its own: no server, no sockets; its thread runs inline. */
class ScanDeskTest {
  private static final StaffMember ALEX =
      new StaffMember(
          "staff-alex", "alex", "Alex", Role.ADVISOR, Set.of("general"), Set.of(), Set.of());

  private final ProtocolCodec codec = new ProtocolCodec();
  private final FakeClock clock = FakeClock.stopped();
  private Database db;
  private Jdbi jdbi;
  private RecordingCallPort port;
  private CallContexts calls;
  private ScanSessionRepository sessions;
  private ScanDesk desk;
  private CallParties call;

  @BeforeEach
  void setUp() throws Exception {
    db = Databases.H2.open();
    jdbi = db.jdbi();
    Ids ids = new Ids();
    port = new RecordingCallPort(codec);
    calls = new CallContexts(port, Optional::of, codec);
    DiskFileStore files = new DiskFileStore(Files.createTempDirectory("cap-files"));
    sessions = new ScanSessionRepository(jdbi);
    desk =
        new ScanDesk(
            sessions,
            files,
            new CaseDocuments(jdbi, ids, files),
            new CaseRepository(jdbi, ids, clock),
            calls,
            new AuditLog(jdbi, clock),
            jdbi,
            ids,
            clock,
            "Test Council",
            new JpegUpload(ServerConfig.defaults().limits()),
            SerialThread.inline("scans"));
    call = CallRows.connectedCall(jdbi, ALEX.id());
    port.inProgress(call);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void askedCapturedAndKeptCountsItsPagesAfterThePagesHaveGoneIntoThePdf() {
    String scanId = ask();
    assertThat(port.toKiosk())
        .extracting(Envelope::type)
        .containsExactly(MessageType.SCAN_REQUESTED);
    upload(scanId, 1);
    upload(scanId, 2);

    desk.onKiosk(calls.of(call), kiosk(MessageType.SCAN_CAPTURED, scanId));
    assertThat(port.last(MessageType.SCAN_UPDATED).text("status")).isEqualTo("CAPTURED");

    assertThat(desk.accept(scanId, ALEX).title()).isEqualTo("Proof of address (2 pages)");
    Envelope kept = port.last(MessageType.SCAN_UPDATED);
    assertThat(kept.text("status")).isEqualTo("ACCEPTED");
    assertThat(kept.payload().path("pages")).isEmpty();
    assertThat(kept.payload().path("pageCount").asInt()).isEqualTo(2);
    assertThat(desk.view(sessions.find(scanId).orElseThrow())).containsEntry("pageCount", 2);
  }

  @Test
  void theCallEndingCancelsAnUnfinishedScanAndTheCaseSaysItWasNotFinished() {
    String scanId = ask();
    upload(scanId, 1);
    port.ended(call.callId());

    desk.onCallEnded(calls.of(call));

    Envelope cancelled = port.last(MessageType.SCAN_UPDATED);
    assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
    assertThat(port.toStaff(ALEX.id())).contains(cancelled);
    assertThat(sessions.pages(scanId)).isEmpty();
    assertThat(timeline())
        .contains(
            "scan.cancelled: Proof of address: scan not finished."
                + " The call ended before the scan was kept.");
  }

  @Test
  void theKiosksLateWordCannotReopenAFinishedScan() {
    String scanId = ask();
    desk.onCallEnded(calls.of(call));
    port.clear();

    desk.onKiosk(calls.of(call), kiosk(MessageType.SCAN_CAPTURED, scanId));

    assertThat(port.sent()).isEmpty();
    assertThat(sessions.find(scanId).orElseThrow().status())
        .isEqualTo(ScanSession.Status.CANCELLED);
    assertThatThrownBy(() -> desk.captureMore(scanId, ALEX))
        .isInstanceOf(InCallProblem.class)
        .hasMessage("This scan has already finished.");
  }

  @Test
  void aResumedCallLeavesTheScanAsItWas() {
    String scanId = ask();
    port.clear();
    desk.onCallResumed(calls.of(call));
    assertThat(port.sent()).isEmpty();
    assertThat(sessions.find(scanId).orElseThrow().status()).isEqualTo(ScanSession.Status.WAITING);
  }

  @Test
  void aKeptOrCancelledScanMovesNoFurtherAndARacedMoveIsRefused() {
    for (ScanSession.Status done :
        List.of(ScanSession.Status.ACCEPTED, ScanSession.Status.CANCELLED))
      for (ScanSession.Status next : ScanSession.Status.values())
        assertThat(done.canMoveTo(next)).isFalse();
    assertThat(ScanSession.Status.CAPTURED.canMoveTo(ScanSession.Status.CAPTURED)).isFalse();

    String scanId = ask();
    ScanSession s = sessions.find(scanId).orElseThrow();
    ScanSession captured = s.moved(ScanSession.Status.CAPTURED, null, clock.now());
    assertThat(sessions.transition(ScanSession.Status.WAITING, captured)).isTrue();
    // A second move from WAITING finds the row has moved on.
    assertThat(
            sessions.transition(
                ScanSession.Status.WAITING,
                s.moved(ScanSession.Status.CANCELLED, "late", clock.now())))
        .isFalse();
    assertThat(sessions.find(scanId).orElseThrow().status()).isEqualTo(ScanSession.Status.CAPTURED);
  }

  private String ask() {
    return desk.request(call.callId(), ScanType.PROOF_OF_ADDRESS, ScanSession.Source.FEEDER, ALEX)
        .id();
  }

  private void upload(String scanId, int pageNo) {
    byte[] jpeg = TestImages.jpeg(400, 300, new Color(250, 250, 240 - pageNo));
    desk.pageUploaded(call.kioskId(), scanId, pageNo, jpeg, Digests.sha256Hex(jpeg), 150);
  }

  private Envelope kiosk(MessageType type, String scanId) {
    try {
      return codec.decode(codec.encode(type, Map.of("scanId", scanId, "pages", 1)));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private List<String> timeline() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select kind || ': ' || summary from case_timeline where case_id = :c order by at")
                .bind("c", call.caseId())
                .mapTo(String.class)
                .list());
  }
}
