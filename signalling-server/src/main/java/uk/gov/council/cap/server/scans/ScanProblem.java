package uk.gov.council.cap.server.scans;

import uk.gov.council.cap.server.web.ApiError;

/** A refused scan action, with the HTTP status and words the advisor (or kiosk-app) can act on. */
final class ScanProblem extends ApiError {
  ScanProblem(int status, String message) {
    super(status, message);
  }
}
