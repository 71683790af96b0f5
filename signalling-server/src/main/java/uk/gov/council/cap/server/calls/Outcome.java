package uk.gov.council.cap.server.calls;

/** How the advisor closed the contact. */
public enum Outcome {
  RESOLVED("Resolved at first contact"),
  REFERRED("Referred"),
  CALLBACK("Callback needed");

  private final String label;

  Outcome(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
