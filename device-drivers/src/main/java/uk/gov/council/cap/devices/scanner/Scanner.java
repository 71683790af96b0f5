package uk.gov.council.cap.devices.scanner;

import java.util.List;
import uk.gov.council.cap.devices.DeviceProblem;
import uk.gov.council.cap.devices.SelfTest;

/**
 * A document scanner. From the glass one page is scanned; from the feeder pages are scanned until
 * none is left. A fault (jam, no paper, unplugged) is a {@link DeviceProblem} and nothing partial
 * is returned.
 */
public interface Scanner {
  String name();

  /** Simulated scanners are labelled on every screen; they scan nothing real. */
  boolean simulated();

  List<ScannedImage> scan(ScanRequest request) throws DeviceProblem;

  SelfTest selfTest();
}
