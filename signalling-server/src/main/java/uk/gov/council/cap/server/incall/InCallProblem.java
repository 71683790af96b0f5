package uk.gov.council.cap.server.incall;

import uk.gov.council.cap.server.web.ApiError;

/**
 * A refusal by an in-call capability, in the words the person reads. One type for every capability,
 * so a route answers it the same way whichever capability refused.
 */
public final class InCallProblem extends ApiError {
  public InCallProblem(int status, String message) {
    super(status, message);
  }

  static InCallProblem notInProgress(String whatTheKioskCannotDo) {
    return new InCallProblem(
        409, "This call is not in progress, so the kiosk cannot " + whatTheKioskCannotDo + ".");
  }

  static InCallProblem notTheAdvisor() {
    return new InCallProblem(403, "Only the advisor in this call can do that.");
  }

  static InCallProblem notTheKiosk() {
    return new InCallProblem(403, "Only the kiosk in this call can do that.");
  }
}
