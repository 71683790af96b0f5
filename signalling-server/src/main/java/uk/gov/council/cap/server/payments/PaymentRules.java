package uk.gov.council.cap.server.payments;

import java.util.Locale;
import uk.gov.council.cap.server.web.ApiError;

/**
 * What a payment request must satisfy before any card reader is asked: refused here with a plain
 * message.
 */
public record PaymentRules(long maxPence) {

  public Money check(Long pence, String currency) {
    if (currency != null
        && !currency.isBlank()
        && !currency.toLowerCase(Locale.ROOT).equals(Money.CURRENCY)) {
      throw new ApiError(400, "Payments are taken in pounds sterling (GBP) only");
    }
    if (pence == null || pence <= 0) {
      throw new ApiError(400, "Enter an amount of more than £0.00");
    }
    if (pence > maxPence) {
      throw new ApiError(400, "The amount must be " + new Money(maxPence).display() + " or less");
    }
    return new Money(pence);
  }
}
