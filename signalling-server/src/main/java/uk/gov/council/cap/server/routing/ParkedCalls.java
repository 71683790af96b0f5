package uk.gov.council.cap.server.routing;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Connected calls an advisor parked while the resident fills a form (ADR 0047): the call stays
 * connected to its kiosk (the form's answers still reach the forms capability), with no media and
 * no advisor attached until the resident calls back and an advisor accepts. Touched only on the
 * desk's thread.
 */
final class ParkedCalls {
  record Parked(String callId, String kioskName, String advisorId, Instant since) {}

  private final Map<String, Parked> byCall = new LinkedHashMap<>();

  void park(Parked p) {
    byCall.put(p.callId(), p);
  }

  Parked get(String callId) {
    return callId == null ? null : byCall.get(callId);
  }

  boolean isParked(String callId) {
    return byCall.containsKey(callId);
  }

  Parked remove(String callId) {
    return byCall.remove(callId);
  }

  /** The calls this advisor parked, oldest first, as their console lists them. */
  List<Map<String, Object>> of(String advisorId) {
    return byCall.values().stream()
        .filter(p -> p.advisorId().equals(advisorId))
        .map(
            p ->
                Map.<String, Object>of(
                    "callId",
                    p.callId(),
                    "kioskName",
                    p.kioskName(),
                    "since",
                    p.since().toString()))
        .toList();
  }
}
