package uk.gov.council.cap.server.incall;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.server.staff.StaffMember;

/**
 * Hands each in-call message to the capability that declared its type, on that capability's thread.
 * Built once from the capabilities' declarations: two capabilities claiming one type is a mistake
 * the server refuses to start with, not a message silently delivered twice or dropped.
 */
public final class CapabilityRouter {
  private final List<InCallCapability> capabilities;
  private final CallContexts contexts;
  private final Map<MessageType, InCallCapability> fromKiosk = new EnumMap<>(MessageType.class);
  private final Map<MessageType, InCallCapability> fromAdvisor = new EnumMap<>(MessageType.class);

  public CapabilityRouter(List<InCallCapability> capabilities, CallContexts contexts) {
    this.capabilities = List.copyOf(capabilities);
    this.contexts = contexts;
    for (InCallCapability c : this.capabilities) {
      claim(fromKiosk, c.kioskTypes(), c, "kiosk");
      claim(fromAdvisor, c.advisorTypes(), c, "advisor");
    }
  }

  private static void claim(
      Map<MessageType, InCallCapability> table,
      Set<MessageType> types,
      InCallCapability c,
      String side) {
    for (MessageType t : types) {
      InCallCapability earlier = table.putIfAbsent(t, c);
      if (earlier != null) {
        throw new IllegalStateException(
            "Both "
                + earlier.name()
                + " and "
                + c.name()
                + " claim the "
                + side
                + "'s "
                + t.wireName()
                + " messages; one message type has one owner");
      }
    }
  }

  /** Kiosk message types some capability handles. */
  public Set<MessageType> kioskTypes() {
    return Collections.unmodifiableSet(fromKiosk.keySet());
  }

  /** Advisor message types some capability handles. */
  public Set<MessageType> advisorTypes() {
    return Collections.unmodifiableSet(fromAdvisor.keySet());
  }

  /** Whether some capability handles this type from the kiosk (the desk refuses the rest). */
  public boolean handlesFromKiosk(MessageType type) {
    return fromKiosk.containsKey(type);
  }

  public boolean handlesFromAdvisor(MessageType type) {
    return fromAdvisor.containsKey(type);
  }

  public void fromKiosk(CallParties call, Envelope msg) {
    InCallCapability c = fromKiosk.get(msg.type());
    if (c == null) return;
    CallContext ctx = contexts.of(call);
    c.thread().execute(() -> c.onKiosk(ctx, msg));
  }

  public void fromAdvisor(CallParties call, StaffMember advisor, Envelope msg) {
    InCallCapability c = fromAdvisor.get(msg.type());
    if (c == null) return;
    CallContext ctx = contexts.of(call);
    c.thread().execute(() -> c.onAdvisor(ctx, advisor, msg));
  }

  public void callEnded(CallParties call) {
    for (InCallCapability c : capabilities) {
      CallContext ctx = contexts.of(call);
      c.thread().execute(() -> c.onCallEnded(ctx));
    }
  }

  public void callResumed(CallParties call) {
    for (InCallCapability c : capabilities) {
      CallContext ctx = contexts.of(call);
      c.thread().execute(() -> c.onCallResumed(ctx));
    }
  }
}
