package uk.gov.council.cap.devices;

/**
 * The result of a device's self-test, as the technician's tool shows it: pass or fail, what was
 * seen, and for a failure what to do about it.
 */
public record SelfTest(
    String device, boolean passed, DeviceState state, String detail, String fix) {
  public static SelfTest pass(String device, String detail) {
    return new SelfTest(device, true, DeviceState.READY, detail, "");
  }

  public static SelfTest fail(String device, DeviceProblem problem, String fix) {
    return new SelfTest(device, false, problem.state(), problem.getMessage(), fix);
  }
}
