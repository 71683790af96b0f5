package uk.gov.council.cap.devices;

/** What a device reports, in words a technician, an advisor and a resident can act on. */
public enum DeviceState {
  READY("Ready"),
  BUSY("Busy"),
  OUT_OF_PAPER("Out of paper"),
  PAPER_JAM("Paper jam"),
  UNPLUGGED("Not connected"),
  FAILED("Not working");

  private final String words;

  DeviceState(String words) {
    this.words = words;
  }

  public String words() {
    return words;
  }
}
