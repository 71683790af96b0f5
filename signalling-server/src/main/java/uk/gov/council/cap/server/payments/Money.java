package uk.gov.council.cap.server.payments;

import java.text.NumberFormat;
import java.util.Locale;

/** An amount in pence, in pounds sterling: the only currency a UK council's kiosk takes. */
public record Money(long pence) {
  public static final String CURRENCY = "gbp";

  public String display() {
    return NumberFormat.getCurrencyInstance(Locale.UK).format(pence / 100.0);
  }
}
