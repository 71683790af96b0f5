package uk.gov.council.cap.server.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.protocol.ProtocolCodec;
import uk.gov.council.cap.protocol.ProtocolException;
import uk.gov.council.cap.server.incall.CallParties;
import uk.gov.council.cap.server.incall.CallPort;

/**
 * A call desk for capability unit tests: the calls a test says are in progress, and every frame a
 * capability sent, decoded, with who it went to. No sockets, no threads.
 */
public final class RecordingCallPort implements CallPort {
  /** One frame sent: to a call's kiosk and/or advisor, or to a staff member directly. */
  public record Sent(String callId, String staffId, boolean toKiosk, Envelope msg) {
    public MessageType type() {
      return msg.type();
    }
  }

  private final ProtocolCodec codec;
  private final Map<String, CallParties> calls = new HashMap<>();
  private final List<Sent> sent = new ArrayList<>();

  public RecordingCallPort(ProtocolCodec codec) {
    this.codec = codec;
  }

  public void inProgress(CallParties call) {
    calls.put(call.callId(), call);
  }

  public void ended(String callId) {
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
    if (toKiosk) sent.add(new Sent(callId, null, true, decode(frame)));
    if (toAdvisor) sent.add(new Sent(callId, call.advisorId(), false, decode(frame)));
  }

  @Override
  public void sendToAdvisor(String staffId, String frame) {
    sent.add(new Sent(null, staffId, false, decode(frame)));
  }

  public List<Sent> sent() {
    return List.copyOf(sent);
  }

  /** What the kiosk was sent, oldest first. */
  public List<Envelope> toKiosk() {
    return sent.stream().filter(Sent::toKiosk).map(Sent::msg).toList();
  }

  /** What this staff member was sent, in a call or directly, oldest first. */
  public List<Envelope> toStaff(String staffId) {
    return sent.stream().filter(s -> staffId.equals(s.staffId())).map(Sent::msg).toList();
  }

  /** The last frame of this type, to anyone. */
  public Envelope last(MessageType type) {
    for (int i = sent.size() - 1; i >= 0; i--) {
      if (sent.get(i).type() == type) return sent.get(i).msg();
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
