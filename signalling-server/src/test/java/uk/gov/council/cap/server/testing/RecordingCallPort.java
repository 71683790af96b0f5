package uk.gov.council.cap.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import uk.gov.council.cap.server.incall.CallParties;
import uk.gov.council.cap.server.incall.CallPort;

/**
 * A call desk for capability unit tests: calls are in progress between {@link #connect} and {@link
 * #end}, and every frame sent is kept for the test to read. As the real desk, it drops frames for a
 * call that is not in progress.
 */
public final class RecordingCallPort implements CallPort {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A frame sent: to a call's kiosk and/or advisor, or (callId null) to an advisor anywhere. */
  public record Sent(
      String callId, String staffId, boolean toKiosk, boolean toAdvisor, JsonNode frame) {
    public String type() {
      return frame.path("type").asText();
    }

    public JsonNode payload() {
      return frame.path("payload");
    }
  }

  private final Map<String, CallParties> inProgress = new ConcurrentHashMap<>();
  private final List<Sent> sent = new CopyOnWriteArrayList<>();

  public CallParties connect(CallParties call) {
    inProgress.put(call.callId(), call);
    return call;
  }

  public void end(String callId) {
    inProgress.remove(callId);
  }

  @Override
  public Optional<CallParties> callInProgress(String callId) {
    return Optional.ofNullable(inProgress.get(callId));
  }

  @Override
  public void sendToCall(String callId, String frame, boolean toKiosk, boolean toAdvisor) {
    if (inProgress.containsKey(callId))
      sent.add(new Sent(callId, null, toKiosk, toAdvisor, parse(frame)));
  }

  /**
   * To a kiosk whether or not it is in a call (the survey after a call): callId and staffId null.
   */
  @Override
  public void sendToKiosk(String kioskId, String frame) {
    sent.add(new Sent(null, null, true, false, parse(frame)));
  }

  @Override
  public void sendToAdvisor(String staffId, String frame) {
    sent.add(new Sent(null, staffId, false, true, parse(frame)));
  }

  public List<Sent> sent() {
    return List.copyOf(sent);
  }

  /** Payloads of the frames of {@code type} (a wire name, "form.opened") the kiosk was sent. */
  public List<JsonNode> toKiosk(String type) {
    return sent.stream()
        .filter(s -> s.toKiosk() && s.type().equals(type))
        .map(Sent::payload)
        .toList();
  }

  /** Payloads of the frames of {@code type} the advisor was sent. */
  public List<JsonNode> toAdvisor(String type) {
    return sent.stream()
        .filter(s -> s.toAdvisor() && s.type().equals(type))
        .map(Sent::payload)
        .toList();
  }

  public void clear() {
    sent.clear();
  }

  private static JsonNode parse(String frame) {
    try {
      return JSON.readTree(frame);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("Not a JSON frame: " + frame, e);
    }
  }
}
