package uk.gov.council.cap.server.routing;

public enum AdvisorStatus {
  /** Ready to be offered calls. */
  AVAILABLE,
  /** Signed in, working (in a call, or on after-call work). Set by the server when a call ends. */
  BUSY,
  /** Signed in, not taking calls. Set by the server when an offer is missed or declined. */
  AWAY
}
