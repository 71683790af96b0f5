package uk.gov.council.cap.server.survey;

/**
 * Why, chosen from a short list rather than typed: many residents at a kiosk cannot or will not
 * type, and a fixed list can be counted. Optional; the kiosk offers the ones that fit the rating.
 */
public enum Reason {
  QUICK("It was quick"),
  HELPFUL("The advisor was helpful"),
  EASY("It was easy to use"),
  WAITED_TOO_LONG("I waited too long"),
  NOT_SORTED("My problem was not sorted out"),
  HARD_TO_USE("The kiosk was hard to use"),
  HARD_TO_SEE_OR_HEAR("I could not see or hear well"),
  SOMETHING_ELSE("Something else");

  private final String words;

  Reason(String words) {
    this.words = words;
  }

  public String words() {
    return words;
  }
}
