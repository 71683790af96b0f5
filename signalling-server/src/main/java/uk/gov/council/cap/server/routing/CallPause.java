package uk.gov.council.cap.server.routing;

import java.time.Duration;
import java.time.Instant;
import uk.gov.council.cap.server.calls.EndReason;

/**
 * A connected call one of whose sides has gone for now (a page reload, a kiosk-app restart, a
 * network blip, a frozen browser). The call waits for that side until {@code since + grace}; if it
 * does not come back, the call ends with {@code reason} at {@code since}, the last moment that side
 * was heard, so its recorded duration is true.
 */
record CallPause(CallParty party, EndReason reason, Instant since) {
  boolean expired(Instant now, Duration grace) {
    return !now.isBefore(since.plus(grace));
  }

  long secondsLeft(Instant now, Duration grace) {
    return Math.max(0, Duration.between(now, since.plus(grace)).toSeconds());
  }
}
