package uk.gov.council.cap.server.survey;

import java.util.Collection;

/**
 * The net score as GovMetric counts it: good answers minus poor answers, over all answers, as a
 * whole number from -100 to +100. OK answers count as answers but neither add nor take away.
 */
public record NetScore(int good, int ok, int poor) {
  public static NetScore of(Collection<SurveyAnswer> answers) {
    int good = 0, ok = 0, poor = 0;
    for (SurveyAnswer a : answers) {
      if (a.status() != SurveyStatus.ANSWERED) continue;
      switch (a.rating()) {
        case GOOD -> good++;
        case OK -> ok++;
        case POOR -> poor++;
      }
    }
    return new NetScore(good, ok, poor);
  }

  public int responses() {
    return good + ok + poor;
  }

  /** The score to the nearest whole number; 0 when nobody answered. */
  public int score() {
    if (responses() == 0) return 0;
    return (int) Math.round(100.0 * (good - poor) / responses());
  }

  /** "+33", "0", "-20"; "no answers yet" when nobody answered. */
  public String text() {
    if (responses() == 0) return "no answers yet";
    int s = score();
    return s > 0 ? "+" + s : Integer.toString(s);
  }
}
