package uk.gov.council.cap.server.callbacks;

/** Where a call back stands. REQUESTED and NO_ANSWER are still to do; the others are done. */
enum CallbackStatus {
  REQUESTED("Requested"),
  NO_ANSWER("No answer, try again"),
  RESOLVED("Called and resolved"),
  NOT_HELPED("Could not help");

  private final String label;

  CallbackStatus(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  boolean open() {
    return this == REQUESTED || this == NO_ANSWER;
  }
}
