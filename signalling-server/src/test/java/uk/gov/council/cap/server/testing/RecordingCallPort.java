package uk.gov.council.cap.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.protocol.ProtocolCodec;
import uk.gov.council.cap.protocol.ProtocolException;
import uk.gov.council.cap.server.incall.CallParties;
import uk.gov.council.cap.server.incall.CallPort;

/**
 * The call desk as a capability sees it, for a capability's unit tests: calls are in progress
 * between {@link #connect} and {@link #end}, and every frame sent is decoded (so it must be a
 * well-formed message) and kept with whom it went to. As the real desk, it drops frames for a call
 * that is not in progress. No sockets, no threads.
 */
public final class RecordingCallPort implements CallPort {
  /** One frame, to a kiosk or to one staff member (a frame to both sides is kept twice). */
  public record Sent(
      String callId,
      String kioskId,
      String staffId,
      boolean toKiosk,
      boolean toAdvisor,
      String frame,
      Envelope msg) {
    /** The wire name, "form.opened". */
    public String type() {
      return msg.type().wireName();
    }

    public JsonNode payload() {
      return msg.payload();
    }
  }

  private final ProtocolCodec codec;
  private final Map<String, CallParties> calls = new ConcurrentHashMap<>();
  private final List<Sent> sent = new CopyOnWriteArrayList<>();

  public RecordingCallPort() {
    this(new ProtocolCodec(new ObjectMapper(), 256 * 1024));
  }

  public RecordingCallPort(ProtocolCodec codec) {
    this.codec = codec;
  }

  public CallParties connect(CallParties call) {
    calls.put(call.callId(), call);
    return call;
  }

  public void start(CallParties call) {
    connect(call);
  }

  public void inProgress(CallParties call) {
    connect(call);
  }

  public void end(String callId) {
    calls.remove(callId);
  }

  public void ended(String callId) {
    end(callId);
  }

  @Override
  public Optional<CallParties> callInProgress(String callId) {
    return Optional.ofNullable(calls.get(callId));
  }

  @Override
  public void sendToCall(String callId, String frame, boolean toKiosk, boolean toAdvisor) {
    CallParties call = calls.get(callId);
    if (call == null) return;
    if (toKiosk)
      sent.add(new Sent(callId, call.kioskId(), null, true, false, frame, decode(frame)));
    if (toAdvisor) {
      sent.add(new Sent(callId, null, call.advisorId(), false, true, frame, decode(frame)));
    }
  }

  /** To a kiosk whether or not it is in a call (the survey after a call). */
  @Override
  public void sendToKiosk(String kioskId, String frame) {
    sent.add(new Sent(null, kioskId, null, true, false, frame, decode(frame)));
  }

  @Override
  public void sendToAdvisor(String staffId, String frame) {
    sent.add(new Sent(null, null, staffId, false, true, frame, decode(frame)));
  }

  public List<Sent> sent() {
    return List.copyOf(sent);
  }

  /** What the kiosk was sent, oldest first. */
  public List<Envelope> toKiosk() {
    return sent.stream().filter(Sent::toKiosk).map(Sent::msg).toList();
  }

  /** Payloads of the frames of {@code type} (a wire name, "form.opened") the kiosk was sent. */
  public List<JsonNode> toKiosk(String type) {
    return sent.stream()
        .filter(s -> s.toKiosk() && s.type().equals(type))
        .map(Sent::payload)
        .toList();
  }

  /** Payloads of the frames of {@code type} any advisor was sent. */
  public List<JsonNode> toAdvisor(String type) {
    return sent.stream()
        .filter(s -> s.toAdvisor() && s.type().equals(type))
        .map(Sent::payload)
        .toList();
  }

  /** What this staff member was sent, in a call or directly, oldest first. */
  public List<Envelope> toStaff(String staffId) {
    return sent.stream().filter(s -> staffId.equals(s.staffId())).map(Sent::msg).toList();
  }

  /** Frames sent so far to {@code to} ("kiosk:<id>" or "staff:<id>"), oldest first, as sent. */
  public List<String> framesTo(String to) {
    return sent.stream()
        .filter(
            s ->
                (s.toKiosk() && to.equals("kiosk:" + s.kioskId()))
                    || (s.toAdvisor() && to.equals("staff:" + s.staffId())))
        .map(Sent::frame)
        .toList();
  }

  /** The last frame of this type, to anyone. */
  public Envelope last(MessageType type) {
    for (int i = sent.size() - 1; i >= 0; i--) {
      if (sent.get(i).msg().type() == type) return sent.get(i).msg();
    }
    throw new AssertionError("Nothing of type " + type.wireName() + " was sent: " + sent);
  }

  public void clear() {
    sent.clear();
  }

  private Envelope decode(String frame) {
    try {
      return codec.decode(frame);
    } catch (ProtocolException e) {
      throw new AssertionError("A capability sent a frame that does not decode: " + frame, e);
    }
  }
}
