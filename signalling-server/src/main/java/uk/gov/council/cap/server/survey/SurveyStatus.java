package uk.gov.council.cap.server.survey;

import java.util.Set;

/**
 * A survey's life: asked as the call ends, then answered, or lapsed when the answer window passed
 * (the resident walked away or skipped). Both ends are final.
 */
public enum SurveyStatus {
  ASKED,
  ANSWERED,
  LAPSED;

  public boolean canMoveTo(SurveyStatus next) {
    return this == ASKED && Set.of(ANSWERED, LAPSED).contains(next);
  }
}
