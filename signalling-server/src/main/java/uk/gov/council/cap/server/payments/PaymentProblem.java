package uk.gov.council.cap.server.payments;

import uk.gov.council.cap.server.web.ApiError;

/**
 * A refused payment action, with the HTTP status the console gets and words the advisor can act on.
 */
final class PaymentProblem extends ApiError {
  PaymentProblem(int status, String message) {
    super(status, message);
  }
}
