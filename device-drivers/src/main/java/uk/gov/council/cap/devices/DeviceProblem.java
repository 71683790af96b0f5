package uk.gov.council.cap.devices;

/**
 * A device could not do what was asked. The message is for people; the state is for the fleet page
 * and alerts.
 */
public final class DeviceProblem extends Exception {
  private final DeviceState state;

  public DeviceProblem(DeviceState state, String message, Throwable cause) {
    super(message, cause);
    this.state = state;
  }

  public DeviceState state() {
    return state;
  }
}
