package uk.gov.council.cap.server.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.gov.council.cap.server.incall.CallParties;
import uk.gov.council.cap.server.incall.CallPort;

/**
 * A call desk for capability unit tests: calls are in progress while the test says so, and every
 * frame sent is kept, to the kiosk or to the advisor, for the test to read.
 */
public final class RecordingCallPort implements CallPort {
  public record Sent(String to, String frame) {}

  private final Map<String, CallParties> calls = new HashMap<>();
  private final List<Sent> sent = new ArrayList<>();

  public void start(CallParties call) {
    calls.put(call.callId(), call);
  }

  public void end(String callId) {
    calls.remove(callId);
  }

  @Override
  public Optional<CallParties> callInProgress(String callId) {
    return Optional.ofNullable(calls.get(callId));
  }

  @Override
  public void sendToCall(String callId, String frame, boolean toKiosk, boolean toAdvisor) {
    CallParties call = calls.get(callId);
    if (call == null) return;
    if (toKiosk) sent.add(new Sent("kiosk:" + call.kioskId(), frame));
    if (toAdvisor) sent.add(new Sent("staff:" + call.advisorId(), frame));
  }

  @Override
  public void sendToAdvisor(String staffId, String frame) {
    sent.add(new Sent("staff:" + staffId, frame));
  }

  /** Frames sent so far to {@code to} ("kiosk:id" or "staff:id"), oldest first. */
  public List<String> framesTo(String to) {
    return sent.stream().filter(s -> s.to().equals(to)).map(Sent::frame).toList();
  }

  public void clear() {
    sent.clear();
  }
}
