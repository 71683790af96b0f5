package uk.gov.council.cap.server.payments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PaymentStatusTest {
  @Test
  void aSettledPaymentNeverMoves() {
    for (PaymentStatus next : PaymentStatus.values()) {
      assertThat(PaymentStatus.SUCCEEDED.canMoveTo(next)).isFalse();
      assertThat(PaymentStatus.CANCELLED.canMoveTo(next)).isFalse();
    }
  }

  @Test
  void nothingGoesBackToRequestedAndARequestIsNotChargedBeforeTheReaderWaits() {
    for (PaymentStatus from : PaymentStatus.values()) {
      assertThat(from.canMoveTo(PaymentStatus.REQUESTED)).isFalse();
    }
    assertThat(PaymentStatus.REQUESTED.canMoveTo(PaymentStatus.SUCCEEDED)).isFalse();
    assertThat(PaymentStatus.REQUESTED.canMoveTo(PaymentStatus.WAITING_FOR_CARD)).isTrue();
    assertThat(PaymentStatus.PROCESSING.canMoveTo(PaymentStatus.WAITING_FOR_CARD)).isFalse();
    assertThat(PaymentStatus.DECLINED.canMoveTo(PaymentStatus.WAITING_FOR_CARD)).isTrue();
  }

  @Test
  void everyUnsettledPaymentCanBeCancelledOrRecordedAsPaid() {
    for (PaymentStatus from : PaymentStatus.values()) {
      if (from.settled()) continue;
      assertThat(from.canMoveTo(PaymentStatus.CANCELLED)).as(from.name()).isTrue();
      if (from != PaymentStatus.REQUESTED)
        assertThat(from.canMoveTo(PaymentStatus.SUCCEEDED)).as(from.name()).isTrue();
    }
  }
}
