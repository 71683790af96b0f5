package uk.gov.council.cap.server.payments;

/**
 * Where a payment is. Only SUCCEEDED and CANCELLED are final; every other status is settled by the
 * desk's poll, a webhook or the reconciliation after a restart, so no payment is ever left without
 * a definite outcome.
 */
public enum PaymentStatus {
  /** Shown to the resident, who has not yet pressed "Pay". */
  REQUESTED("Waiting for the resident to choose to pay"),
  /** The reader is waiting for a card. */
  WAITING_FOR_CARD("Waiting for the card"),
  /** A card was presented and the bank is being asked. */
  PROCESSING("Processing"),
  /** The card was declined; the resident may try another card. */
  DECLINED("Declined"),
  /** The reader could not start (busy, offline, timed out); nothing was charged. */
  READER_PROBLEM("Card reader problem"),
  SUCCEEDED("Payment accepted"),
  CANCELLED("Cancelled");

  private final String words;

  PaymentStatus(String words) {
    this.words = words;
  }

  public String words() {
    return words;
  }

  public boolean settled() {
    return this == SUCCEEDED || this == CANCELLED;
  }

  /** The resident (or the advisor) may still cancel: no card is being processed. */
  public boolean cancellable() {
    return this == REQUESTED
        || this == WAITING_FOR_CARD
        || this == DECLINED
        || this == READER_PROBLEM;
  }

  /**
   * The resident may press "Pay" (again): first time, after a decline, or after a reader problem.
   */
  public boolean payable() {
    return this == REQUESTED || this == DECLINED || this == READER_PROBLEM;
  }

  /**
   * Whether a payment may move from this status to {@code next}. The reader is the source of truth,
   * so any unsettled payment may move to what the reader reports (a card approved after a reader
   * problem is still money taken); a settled payment never moves again.
   */
  public boolean canMoveTo(PaymentStatus next) {
    return switch (this) {
      case REQUESTED -> next == WAITING_FOR_CARD || next == READER_PROBLEM || next == CANCELLED;
      case WAITING_FOR_CARD, DECLINED, READER_PROBLEM -> next != REQUESTED && next != this;
      case PROCESSING -> next != REQUESTED && next != WAITING_FOR_CARD && next != PROCESSING;
      case SUCCEEDED, CANCELLED -> false;
    };
  }
}
