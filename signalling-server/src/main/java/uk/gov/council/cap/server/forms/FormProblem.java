package uk.gov.council.cap.server.forms;

import uk.gov.council.cap.server.web.ApiError;

/** A refused form action, with the HTTP status the console gets. */
final class FormProblem extends ApiError {
  FormProblem(int status, String message) {
    super(status, message);
  }
}
