package uk.gov.council.cap.server.payments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RefundStatusTest {
  @Test
  void aPendingRefundEndsOnceAndNeverMovesAgain() {
    assertThat(RefundStatus.PENDING.canMoveTo(RefundStatus.SUCCEEDED)).isTrue();
    assertThat(RefundStatus.PENDING.canMoveTo(RefundStatus.FAILED)).isTrue();
    assertThat(RefundStatus.PENDING.canMoveTo(RefundStatus.PENDING)).isFalse();
    for (RefundStatus next : RefundStatus.values()) {
      assertThat(RefundStatus.SUCCEEDED.canMoveTo(next)).isFalse();
      assertThat(RefundStatus.FAILED.canMoveTo(next)).isFalse();
    }
  }

  @Test
  void onlyAFailedRefundLeavesTheMoneyRefundable() {
    assertThat(RefundStatus.PENDING.counts()).isTrue();
    assertThat(RefundStatus.SUCCEEDED.counts()).isTrue();
    assertThat(RefundStatus.FAILED.counts()).isFalse();
  }
}
