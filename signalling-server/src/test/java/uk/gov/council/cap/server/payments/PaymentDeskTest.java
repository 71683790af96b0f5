package uk.gov.council.cap.server.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.protocol.ProtocolCodec;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.calls.CallRepository;
import uk.gov.council.cap.server.cases.CaseRecord;
import uk.gov.council.cap.server.cases.CaseRepository;
import uk.gov.council.cap.server.db.Database;
import uk.gov.council.cap.server.db.Ids;
import uk.gov.council.cap.server.incall.CallContext;
import uk.gov.council.cap.server.incall.CallContexts;
import uk.gov.council.cap.server.incall.CallParties;
import uk.gov.council.cap.server.incall.InCallProblem;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.StaffMember;
import uk.gov.council.cap.server.testing.Databases;
import uk.gov.council.cap.server.testing.FakeClock;
import uk.gov.council.cap.server.testing.RecordingCallPort;
import uk.gov.council.cap.server.threads.SerialThread;

/**
 * The payment capability alone: its thread inline, the simulated reader on a fake clock, a
 * recording call port and a real repository on H2. No server, no sockets, no sleeps.
 */
class PaymentDeskTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final StaffMember ADVISOR =
      new StaffMember(
          "advisor-1", "advisor", "Alex Advisor", Role.ADVISOR, Set.of(), Set.of(), Set.of());
  private static final StaffMember OTHER =
      new StaffMember(
          "advisor-2", "other", "Other Advisor", Role.ADVISOR, Set.of(), Set.of(), Set.of());

  private final FakeClock clock = FakeClock.stopped();
  private final RecordingCallPort port = new RecordingCallPort();
  private Database db;
  private PaymentRepository payments;
  private PaymentDesk desk;
  private CallContexts calls;
  private CallParties call;

  @BeforeEach
  void setUp() {
    db = Databases.H2.open();
    Jdbi jdbi = db.jdbi();
    Ids ids = new Ids();
    CaseRepository cases = new CaseRepository(jdbi, ids, clock);
    CaseRecord theCase = jdbi.inTransaction(cases::open);
    jdbi.useHandle(
        h -> {
          h.execute(
              "insert into sites (id, name, phone, time_zone, opening_hours, themes, enquiry_themes,"
                  + " idle_timeout_seconds) values ('site-1', 'Library', '0', 'Europe/London', '',"
                  + " '', '', 60)");
          h.execute(
              "insert into kiosks (id, name, site_id, secret_hash, created_at) values ('kiosk-1',"
                  + " 'Library kiosk', 'site-1', 'x', 0)");
          new CallRepository(jdbi)
              .insertQueued(h, "call-1", theCase.id(), "kiosk-1", "general", clock.now());
        });
    call =
        new CallParties(
            "call-1", theCase.id(), theCase.reference(), "kiosk-1", "Library kiosk", "advisor-1");
    port.start(call);
    calls =
        new CallContexts(
            port,
            id -> cases.find(id).map(c -> c.mergedInto() != null ? c.mergedInto() : c.id()),
            new ProtocolCodec(JSON));
    payments = new PaymentRepository(jdbi);
    PaymentRules rules = new PaymentRules(100_000);
    desk =
        new PaymentDesk(
            new PaymentDesk.Parts(
                payments,
                new SimulatedCardReader(clock, Duration.ofSeconds(2)),
                rules,
                PaymentCatalogue.load(Optional.empty(), rules),
                null, // no receipts here: a receipt that cannot be made leaves the payment standing
                null,
                cases,
                calls,
                new AuditLog(jdbi, clock),
                jdbi,
                ids,
                clock),
            SerialThread.inline("payments"),
            null,
            null,
            Duration.ofSeconds(1),
            Duration.ofSeconds(5));
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void theAdvisorsRequestIsShownOnBothScreens() {
    Payment p = request();

    assertThat(p.status()).isEqualTo(PaymentStatus.REQUESTED);
    assertThat(lastUpdateTo("kiosk:kiosk-1").path("status").asText()).isEqualTo("REQUESTED");
    assertThat(lastUpdateTo("staff:advisor-1").path("amountText").asText()).isEqualTo("£12.50");
  }

  @Test
  void onlyTheAdvisorInTheCallCanAskForAPayment() {
    assertThatThrownBy(() -> desk.request("call-1", fee(), OTHER))
        .isInstanceOf(InCallProblem.class)
        .hasMessage("Only the advisor in this call can do that.");
    port.end("call-1");
    assertThatThrownBy(() -> desk.request("call-1", fee(), ADVISOR))
        .hasMessage("This call is not in progress, so the kiosk cannot take a payment.");
  }

  @Test
  void theKioskPaysWithTheSimulatedReader() {
    Payment p = request();

    kiosk(MessageType.PAYMENT_PAY, p, null);
    assertThat(status(p)).isEqualTo(PaymentStatus.WAITING_FOR_CARD);
    assertThat(lastUpdateTo("kiosk:kiosk-1").path("status").asText()).isEqualTo("WAITING_FOR_CARD");

    kiosk(MessageType.PAYMENT_TEST_CARD, p, "approved");
    assertThat(status(p)).isEqualTo(PaymentStatus.PROCESSING);

    clock.advance(Duration.ofSeconds(3));
    desk.poll();
    assertThat(status(p)).isEqualTo(PaymentStatus.SUCCEEDED);
    assertThat(lastUpdateTo("staff:advisor-1").path("cardLast4").asText()).isEqualTo("4242");
    assertThat(payments.history(p.id()))
        .extracting(PaymentRepository.StatusChange::status)
        .containsExactly(
            PaymentStatus.REQUESTED,
            PaymentStatus.WAITING_FOR_CARD,
            PaymentStatus.PROCESSING,
            PaymentStatus.SUCCEEDED);
  }

  @Test
  void theResidentCancels() {
    Payment p = request();
    kiosk(MessageType.PAYMENT_PAY, p, null);

    kiosk(MessageType.PAYMENT_CANCEL, p, null);

    assertThat(status(p)).isEqualTo(PaymentStatus.CANCELLED);
    assertThat(lastUpdateTo("kiosk:kiosk-1").path("message").asText())
        .isEqualTo("Cancelled by the resident.");
  }

  @Test
  void theCallEndingMidPaymentCancelsItAndTellsTheAdvisor() {
    Payment p = request();
    kiosk(MessageType.PAYMENT_PAY, p, null);

    port.end("call-1");
    desk.onCallEnded(calls.of(call));

    assertThat(status(p)).isEqualTo(PaymentStatus.CANCELLED);
    assertThat(lastUpdateTo("staff:advisor-1").path("message").asText())
        .isEqualTo(PaymentDesk.CALL_ENDED);
  }

  @Test
  void aCardBeingProcessedWhenTheCallEndsIsSettledByThePoll() {
    Payment p = request();
    kiosk(MessageType.PAYMENT_PAY, p, null);
    kiosk(MessageType.PAYMENT_TEST_CARD, p, "approved");

    port.end("call-1");
    desk.onCallEnded(calls.of(call));
    assertThat(status(p)).isEqualTo(PaymentStatus.PROCESSING);

    clock.advance(Duration.ofSeconds(3));
    desk.poll();
    assertThat(status(p)).isEqualTo(PaymentStatus.SUCCEEDED);
  }

  @Test
  void aResumedCallIsShownThePaymentInProgressAgain() {
    Payment p = request();
    kiosk(MessageType.PAYMENT_PAY, p, null);
    port.clear();

    desk.onCallResumed(calls.of(call));

    assertThat(lastUpdateTo("kiosk:kiosk-1").path("paymentId").asText()).isEqualTo(p.id());
    assertThat(lastUpdateTo("kiosk:kiosk-1").path("status").asText()).isEqualTo("WAITING_FOR_CARD");
  }

  @Test
  void aRacedMoveChangesNothingAndAnIllegalOneIsRefused() {
    Payment p = request();
    Payment cancelled = p.with(PaymentStatus.CANCELLED, "elsewhere", clock.now());
    assertThat(payments.transition(p.id(), PaymentStatus.REQUESTED, cancelled, "test")).isTrue();

    Payment late = p.with(PaymentStatus.READER_PROBLEM, "late", clock.now());
    assertThat(payments.transition(p.id(), PaymentStatus.REQUESTED, late, "test")).isFalse();
    assertThat(status(p)).isEqualTo(PaymentStatus.CANCELLED);

    assertThatThrownBy(
            () ->
                payments.transition(
                    p.id(),
                    PaymentStatus.CANCELLED,
                    p.with(PaymentStatus.WAITING_FOR_CARD, null, clock.now()),
                    "test"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aSecondPaymentInTheSameCallWaitsForTheFirst() {
    request();
    assertThatThrownBy(() -> desk.request("call-1", fee(), ADVISOR))
        .hasMessage(
            "A payment is already in progress in this call. Wait for it to finish, or cancel it.");
  }

  private Payment request() {
    return desk.request("call-1", fee(), ADVISOR);
  }

  private static PaymentDesk.Request fee() {
    return new PaymentDesk.Request(null, 1250L, "gbp", "Replacement bin");
  }

  private void kiosk(MessageType type, Payment p, String card) {
    ObjectNode payload = JSON.createObjectNode().put("paymentId", p.id());
    if (card != null) payload.put("card", card);
    CallContext ctx = calls.of(call);
    desk.onKiosk(ctx, new Envelope(type, "m-" + type.name(), payload));
  }

  private PaymentStatus status(Payment p) {
    return payments.find(p.id()).orElseThrow().status();
  }

  private JsonNode lastUpdateTo(String to) {
    List<String> frames = port.framesTo(to);
    for (int i = frames.size() - 1; i >= 0; i--) {
      try {
        JsonNode frame = JSON.readTree(frames.get(i));
        if (frame.path("type").asText().equals(MessageType.PAYMENT_UPDATED.wireName())) {
          return frame.path("payload");
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("No payment update sent to " + to + ": " + frames);
  }
}
