package uk.gov.council.cap.server.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.calls.CallRepository;
import uk.gov.council.cap.server.cases.CaseRecord;
import uk.gov.council.cap.server.cases.CaseRepository;
import uk.gov.council.cap.server.cases.TimelineEntry;
import uk.gov.council.cap.server.db.Database;
import uk.gov.council.cap.server.db.Ids;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.StaffMember;
import uk.gov.council.cap.server.testing.Databases;
import uk.gov.council.cap.server.testing.FakeClock;
import uk.gov.council.cap.server.threads.SerialThread;

/** Refunds alone: the desk's thread inline, Stripe faked, the refunds table on H2. */
class RefundDeskTest {
  private static final StaffMember SUE =
      new StaffMember(
          "sup-1", "sue", "Sue Supervisor", Role.SUPERVISOR, Set.of(), Set.of(), Set.of());
  private final FakeClock clock = FakeClock.stopped();
  private final FakeRefunds stripe = new FakeRefunds();
  private Database db;
  private CaseRepository cases;
  private RefundRepository refunds;
  private RefundDesk desk;
  private Payment paid;

  @BeforeEach
  void setUp() {
    db = Databases.H2.open();
    Jdbi jdbi = db.jdbi();
    Ids ids = new Ids();
    cases = new CaseRepository(jdbi, ids, clock);
    PaymentRepository payments = new PaymentRepository(jdbi);
    refunds = new RefundRepository(jdbi);
    CaseRecord theCase = jdbi.inTransaction(cases::open);
    paid =
        new Payment(
            "pay-1",
            theCase.id(),
            "call-1",
            "kiosk-1",
            "simulated-kiosk-1",
            new Money(4500),
            null,
            "Garden waste",
            null,
            null,
            PaymentStatus.SUCCEEDED,
            1,
            "pi_1",
            null,
            "Visa",
            "4242",
            Map.of(),
            null,
            "advisor-1",
            "Alex Advisor",
            clock.now(),
            clock.now());
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
          payments.insert(h, paid, "test");
        });
    desk =
        new RefundDesk(
            payments,
            refunds,
            stripe,
            new PaymentRules(100_000),
            cases,
            new AuditLog(jdbi, clock),
            ids,
            clock,
            SerialThread.inline("refunds"),
            null,
            null,
            Duration.ofSeconds(5));
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void partThenTheRestButNeverMoreThanWasPaid() {
    assertThat(desk.refund("pay-1", 1500L, "Smaller bin", SUE).status())
        .isEqualTo(RefundStatus.SUCCEEDED);
    assertThatThrownBy(() -> desk.refund("pay-1", 3001L, "x", SUE))
        .hasMessage("You can refund up to £30.00.");
    assertThat(desk.refund("pay-1", null, "Moved away", SUE).amount().pence()).isEqualTo(3000);
    assertThatThrownBy(() -> desk.refund("pay-1", null, "Again", SUE))
        .hasMessage("This payment has already been refunded in full.");
    assertThat(refundedEntries()).isEqualTo(2);
  }

  @Test
  void stripeUnreachableLeavesItPendingCountedAndTheRetrySettlesIt() {
    stripe.unreachable = true;
    assertThatThrownBy(() -> desk.refund("pay-1", 1500L, "Smaller bin", SUE))
        .hasMessageStartingWith("Stripe could not be reached.");
    assertThat(refunds.ofPayment("pay-1").get(0).status()).isEqualTo(RefundStatus.PENDING);
    assertThatThrownBy(() -> desk.refund("pay-1", 3001L, "x", SUE))
        .hasMessage("You can refund up to £30.00.");

    stripe.unreachable = false;
    desk.retryPending();
    assertThat(refunds.ofPayment("pay-1").get(0).status()).isEqualTo(RefundStatus.SUCCEEDED);
    desk.retryPending();
    assertThat(stripe.asked.get()).isEqualTo(2);
    assertThat(refundedEntries()).isEqualTo(1);
  }

  @Test
  void aRefusedRefundFailsAndLeavesTheMoneyRefundable() {
    stripe.refuse = true;
    assertThatThrownBy(() -> desk.refund("pay-1", 1500L, "Smaller bin", SUE))
        .hasMessage("The refund was refused: No.");
    assertThat(refunds.ofPayment("pay-1").get(0).status()).isEqualTo(RefundStatus.FAILED);
    assertThat(refunds.countedPence("pay-1")).isZero();
  }

  @Test
  void aSecondSettlingOfOneRefundIsRefused() {
    stripe.unreachable = true;
    assertThatThrownBy(() -> desk.refund("pay-1", 1500L, "Smaller bin", SUE));
    String id = refunds.ofPayment("pay-1").get(0).id();

    assertThat(refunds.transition(id, RefundStatus.PENDING, RefundStatus.SUCCEEDED, "re_1"))
        .isTrue();
    assertThat(refunds.transition(id, RefundStatus.PENDING, RefundStatus.FAILED, null)).isFalse();
    assertThatThrownBy(
            () -> refunds.transition(id, RefundStatus.SUCCEEDED, RefundStatus.FAILED, null))
        .isInstanceOf(IllegalStateException.class);
    assertThat(refunds.ofPayment("pay-1").get(0).stripeRefundId()).isEqualTo("re_1");
  }

  private long refundedEntries() {
    return cases.timeline(paid.caseId()).stream()
        .map(TimelineEntry::kind)
        .filter("payment.refunded"::equals)
        .count();
  }

  /** Stripe's refunds endpoint: answers, refuses, or cannot be reached. */
  private static final class FakeRefunds implements CardReader {
    boolean unreachable;
    boolean refuse;
    final AtomicInteger asked = new AtomicInteger();

    @Override
    public String refund(String refundId, String paymentIntentId, Money amount)
        throws ReaderProblem {
      asked.incrementAndGet();
      if (unreachable)
        throw new ReaderProblem(StripeTerminalReader.UNREACHABLE, "Stripe is down", null);
      if (refuse) throw new ReaderProblem("charge_refunded", "No.", null);
      return "re_" + refundId;
    }

    @Override
    public boolean simulated() {
      return false;
    }

    @Override
    public ReaderStarted start(PaymentOrder order, int attempt) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Outcome outcome(PaymentOrder order, String paymentIntentId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void cancel(PaymentOrder order, String paymentIntentId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void presentTestCard(PaymentOrder order, boolean approved) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ReaderCheck check(String readerId) {
      throw new UnsupportedOperationException();
    }
  }
}
