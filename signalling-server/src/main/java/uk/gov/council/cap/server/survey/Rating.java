package uk.gov.council.cap.server.survey;

/** The three faces the kiosk shows, with the word under each. */
public enum Rating {
  GOOD("Good"),
  OK("OK"),
  POOR("Poor");

  private final String words;

  Rating(String words) {
    this.words = words;
  }

  public String words() {
    return words;
  }
}
