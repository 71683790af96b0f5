package uk.gov.council.cap.server.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.testing.FakeClock;

/** After a part refund the case page's tag and "What happened" show it (issue 14, item 8). */
class RefundSummaryTest {
  private static final Instant PAID = FakeClock.START;
  private final Payment paid = payment(PaymentStatus.SUCCEEDED);

  @Test
  void aPaymentWithoutRefundsKeepsItsStatusWords() {
    assertThat(RefundSummary.tagText(paid, List.of())).isEqualTo("Payment accepted");
    assertThat(RefundSummary.tagText(payment(PaymentStatus.CANCELLED), List.of()))
        .isEqualTo("Cancelled");
  }

  @Test
  void aPartRefundShowsOnTheTagAndAsARowInWhatHappened() {
    List<Refund> refunds = List.of(refund("r1", 1500, RefundStatus.SUCCEEDED, 60));

    assertThat(RefundSummary.tagText(paid, refunds)).isEqualTo("Part refunded: £15.00 of £45.00");
    List<Map<String, Object>> rows =
        RefundSummary.happened(
            paid,
            List.of(
                new PaymentRepository.StatusChange(
                    1, PaymentStatus.REQUESTED, null, "staff:advisor", PAID.minusSeconds(30)),
                new PaymentRepository.StatusChange(
                    2, PaymentStatus.SUCCEEDED, null, "card-reader:r", PAID)),
            refunds);
    assertThat(rows)
        .extracting(r -> r.get("statusText"))
        .containsExactly(
            "Waiting for the resident to choose to pay", "Payment accepted", "Refunded");
    assertThat(rows.get(2).get("detail")).isEqualTo("£15.00 of £45.00");
    assertThat(rows.get(2).get("actor")).isEqualTo("staff:sue");
  }

  @Test
  void aFullRefundSaysSoAndPendingOrRefusedRefundsAreNotCountedAsGivenBack() {
    assertThat(
            RefundSummary.tagText(
                paid,
                List.of(
                    refund("r1", 1500, RefundStatus.SUCCEEDED, 60),
                    refund("r2", 3000, RefundStatus.SUCCEEDED, 120))))
        .isEqualTo("Refunded in full: £45.00");
    assertThat(
            RefundSummary.tagText(
                paid,
                List.of(
                    refund("r1", 1500, RefundStatus.PENDING, 60),
                    refund("r2", 1000, RefundStatus.FAILED, 120))))
        .isEqualTo("Payment accepted");
  }

  private static Refund refund(String id, long pence, RefundStatus status, long secondsAfter) {
    return new Refund(
        id,
        "p1",
        new Money(pence),
        "Smaller bin",
        null,
        status,
        "staff:sue",
        PAID.plus(Duration.ofSeconds(secondsAfter)));
  }

  private static Payment payment(PaymentStatus status) {
    return new Payment(
        "p1",
        "case-1",
        "call-1",
        "kiosk-1",
        "simulated-kiosk-1",
        new Money(4500),
        "garden-waste",
        "Garden waste subscription (12 months)",
        null,
        null,
        status,
        1,
        "pi_1",
        null,
        "Visa",
        "4242",
        null,
        null,
        "advisor-1",
        "Alex Advisor",
        PAID.minusSeconds(60),
        PAID);
  }
}
