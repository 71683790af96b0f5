package uk.gov.council.cap.server.summary;

import uk.gov.council.cap.server.artefacts.CaseDocument;
import uk.gov.council.cap.server.incall.CallContext;

/**
 * Prints a document of a call at its kiosk after the call, because the resident asked (printing's
 * {@code PrintDesk.printForResident}, wired in CapServer: capabilities do not reach each other).
 */
@FunctionalInterface
public interface ResidentPrinter {
  void print(CallContext call, CaseDocument document, String title, Outcome outcome);

  /** Told once whether it printed; when not, the printer's fault in plain words. */
  @FunctionalInterface
  interface Outcome {
    void printed(boolean ok, String message);
  }
}
