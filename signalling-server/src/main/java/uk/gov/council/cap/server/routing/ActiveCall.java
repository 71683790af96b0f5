package uk.gov.council.cap.server.routing;

import java.time.Instant;

/** A connected call: who is on each end. */
record ActiveCall(QueueEntry entry, String advisorId, Instant answeredAt) {
  String callId() {
    return entry.callId;
  }

  String kioskId() {
    return entry.kioskId;
  }
}
