package uk.gov.council.cap.server.printing;

/** A print job as the advisor sees it: sent to the kiosk, then printed or failed, once. */
public enum PrintStatus {
  SENT,
  PRINTED,
  FAILED;

  /** Only a job still out at the kiosk gets an outcome; an outcome is final. */
  public boolean canMoveTo(PrintStatus next) {
    return this == SENT && next != SENT;
  }
}
