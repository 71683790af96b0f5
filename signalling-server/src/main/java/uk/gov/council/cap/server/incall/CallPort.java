package uk.gov.council.cap.server.incall;

import java.util.Optional;

/**
 * What an in-call capability may ask of the call desk. Routing implements it; capabilities see only
 * this, so no capability imports routing (ADR 0034).
 */
public interface CallPort {
  /** The connected call with this id, if it is in progress now. */
  Optional<CallParties> callInProgress(String callId);

  /** Sends a frame to the kiosk and/or the advisor of a call, if the call is still in progress. */
  void sendToCall(String callId, String frame, boolean toKiosk, boolean toAdvisor);

  /** Sends a frame to a connected kiosk, in a call or not (the survey after a call). */
  void sendToKiosk(String kioskId, String frame);

  /** Sends a frame to a signed-in advisor, in a call or not (a payment settling after the call). */
  void sendToAdvisor(String staffId, String frame);
}
