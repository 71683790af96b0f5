package uk.gov.council.cap.server.photos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.nio.file.Files;
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
import uk.gov.council.cap.server.customers.CustomerRepository;
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

/** ID photos on their own: no server, no sockets; the photos thread runs inline. */
class PhotoDeskTest {
  private static final StaffMember ALEX =
      new StaffMember(
          "staff-alex", "alex", "Alex", Role.ADVISOR, Set.of("general"), Set.of(), Set.of());
  private static final StaffMember SAM =
      new StaffMember(
          "staff-sam", "sam", "Sam", Role.ADVISOR, Set.of("general"), Set.of(), Set.of());

  private final ProtocolCodec codec = new ProtocolCodec();
  private final FakeClock clock = FakeClock.stopped();
  private Database db;
  private RecordingCallPort port;
  private CallContexts calls;
  private PhotoSessionRepository sessions;
  private PhotoDesk desk;
  private CallParties call;

  @BeforeEach
  void setUp() throws Exception {
    db = Databases.H2.open();
    Jdbi jdbi = db.jdbi();
    Ids ids = new Ids();
    port = new RecordingCallPort(codec);
    calls = new CallContexts(port, Optional::of, codec);
    DiskFileStore files = new DiskFileStore(Files.createTempDirectory("cap-files"));
    sessions = new PhotoSessionRepository(jdbi);
    desk =
        new PhotoDesk(
            sessions,
            files,
            new CaseDocuments(jdbi, ids, files),
            new CaseRepository(jdbi, ids, clock),
            new CustomerRepository(jdbi, ids, clock),
            calls,
            new AuditLog(jdbi, clock),
            jdbi,
            ids,
            clock,
            "Test Council",
            new JpegUpload(ServerConfig.defaults().limits()),
            SerialThread.inline("photos"));
    call = CallRows.connectedCall(jdbi, ALEX.id());
    port.inProgress(call);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void askedTakenAndApprovedMakesTheBadge() {
    String photoId = desk.request(call.callId(), ALEX).id();
    assertThat(port.toKiosk())
        .extracting(Envelope::type)
        .containsExactly(MessageType.PHOTO_REQUESTED);

    assertThat(take(photoId).status()).isEqualTo(PhotoSession.Status.CAPTURED);
    assertThat(port.last(MessageType.PHOTO_UPDATED).text("status")).isEqualTo("CAPTURED");

    PhotoSession approved = desk.approve(photoId, "Sam Resident", ALEX);
    assertThat(approved.status()).isEqualTo(PhotoSession.Status.APPROVED);
    assertThat(approved.badgeDocumentId()).isNotNull();
    Envelope told = port.last(MessageType.PHOTO_UPDATED);
    assertThat(told.text("status")).isEqualTo("APPROVED");
    assertThat(port.toStaff(ALEX.id())).contains(told);
  }

  @Test
  void theCallEndingCancelsAPhotoNotYetApproved() {
    String photoId = desk.request(call.callId(), ALEX).id();
    take(photoId);

    desk.onCallEnded(calls.of(call));

    assertThat(sessions.find(photoId).orElseThrow().status())
        .isEqualTo(PhotoSession.Status.CANCELLED);
    assertThat(port.last(MessageType.PHOTO_UPDATED).text("status")).isEqualTo("CANCELLED");
    assertThatThrownBy(() -> desk.approve(photoId, "Sam Resident", ALEX))
        .isInstanceOf(InCallProblem.class)
        .hasMessage("This photo has already finished.");
  }

  @Test
  void aResumedCallLeavesThePhotoAsItWas() {
    String photoId = desk.request(call.callId(), ALEX).id();
    port.clear();
    desk.onCallResumed(calls.of(call));
    assertThat(port.sent()).isEmpty();
    assertThat(sessions.find(photoId).orElseThrow().status())
        .isEqualTo(PhotoSession.Status.WAITING);
  }

  @Test
  void onlyTheCallsAdvisorMayAskAndOnlyWhoAskedMayRetake() {
    assertThatThrownBy(() -> desk.request(call.callId(), SAM))
        .hasMessage("Only the advisor in this call can do that.");
    String photoId = desk.request(call.callId(), ALEX).id();
    assertThatThrownBy(() -> desk.retake(photoId, SAM))
        .hasMessage("Only the advisor who asked for this photo can do that.");
    port.ended(call.callId());
    assertThatThrownBy(() -> desk.request(call.callId(), ALEX))
        .hasMessage("This call is not in progress, so the kiosk cannot take a photo.");
  }

  @Test
  void aFinishedPhotoMovesNoFurtherAndARacedMoveIsRefused() {
    for (PhotoSession.Status next : PhotoSession.Status.values()) {
      assertThat(PhotoSession.Status.APPROVED.canMoveTo(next)).isFalse();
      assertThat(PhotoSession.Status.CANCELLED.canMoveTo(next)).isFalse();
    }
    assertThat(PhotoSession.Status.WAITING.canMoveTo(PhotoSession.Status.APPROVED)).isFalse();

    String photoId = desk.request(call.callId(), ALEX).id();
    PhotoSession waiting = sessions.find(photoId).orElseThrow();
    // Approving a photo never taken is refused in the repository too.
    assertThat(
            sessions.transition(
                PhotoSession.Status.WAITING,
                waiting.approved("photo-doc", "badge-doc", "ABCD-EFGH", clock.now())))
        .isFalse();
    assertThat(sessions.transition(PhotoSession.Status.WAITING, waiting.cancelled(clock.now())))
        .isTrue();
    assertThat(sessions.transition(PhotoSession.Status.WAITING, waiting.waiting(clock.now())))
        .isFalse();
    assertThat(sessions.find(photoId).orElseThrow().status())
        .isEqualTo(PhotoSession.Status.CANCELLED);
  }

  private PhotoSession take(String photoId) {
    byte[] still = TestImages.jpeg(640, 480, new Color(200, 180, 160));
    return desk.stillUploaded(call.kioskId(), photoId, still, Digests.sha256Hex(still));
  }
}
