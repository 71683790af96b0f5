package uk.gov.council.cap.server.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.gov.council.cap.server.incall.CallParties;
import uk.gov.council.cap.server.incall.CallPort;

/**
 * The call desk as a capability sees it, for unit tests of a capability without a server: calls are
 * "in progress" once {@link #inProgress} says so, and every frame sent is recorded with whom it was
 * for.
 */
public final class RecordingCallPort implements CallPort {
  /** A frame and who it went to: "kiosk", "advisor" or both ("kiosk+advisor"). */
  public record Sent(String to, String frame) {}

  private final Map<String, CallParties> calls = new HashMap<>();
  private final List<Sent> sent = new ArrayList<>();

  public RecordingCallPort inProgress(CallParties call) {
    calls.put(call.callId(), call);
    return this;
  }

  public RecordingCallPort ended(String callId) {
    calls.remove(callId);
    return this;
  }

  public List<Sent> sent() {
    return List.copyOf(sent);
  }

  /** Frames sent to the kiosk (alone or with the advisor), oldest first. */
  public List<String> toKiosk() {
    return sent.stream().filter(s -> s.to().contains("kiosk")).map(Sent::frame).toList();
  }

  /** Frames sent to the advisor (alone or with the kiosk), oldest first. */
  public List<String> toAdvisor() {
    return sent.stream().filter(s -> s.to().contains("advisor")).map(Sent::frame).toList();
  }

  @Override
  public Optional<CallParties> callInProgress(String callId) {
    return Optional.ofNullable(calls.get(callId));
  }

  @Override
  public void sendToCall(String callId, String frame, boolean toKiosk, boolean toAdvisor) {
    if (!calls.containsKey(callId)) return;
    String to = toKiosk && toAdvisor ? "kiosk+advisor" : toKiosk ? "kiosk" : "advisor";
    sent.add(new Sent(to, frame));
  }

  @Override
  public void sendToKiosk(String kioskId, String frame) {
    sent.add(new Sent("kiosk", frame));
  }

  @Override
  public void sendToAdvisor(String staffId, String frame) {
    sent.add(new Sent("advisor", frame));
  }
}
