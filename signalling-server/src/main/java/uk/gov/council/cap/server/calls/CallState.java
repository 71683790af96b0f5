package uk.gov.council.cap.server.calls;

public enum CallState {
  /** Waiting for an advisor (including while offered, and while its kiosk reconnects). */
  QUEUED,
  CONNECTED,
  ENDED
}
