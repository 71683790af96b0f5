package uk.gov.council.cap.devices.printer;

import uk.gov.council.cap.devices.DeviceProblem;
import uk.gov.council.cap.devices.DeviceState;
import uk.gov.council.cap.devices.SelfTest;

/**
 * A printer: the kiosk's receipt or document printer, or a card printer for badges. Prints PDFs.
 */
public interface Printer {
  String name();

  /** Simulated printers are labelled on every screen; they print to a folder. */
  boolean simulated();

  /** Sends a PDF to the printer on the given paper; returns the job's id. */
  String print(byte[] pdf, String title, PaperSize paper) throws DeviceProblem;

  DeviceState state();

  SelfTest selfTest();
}
