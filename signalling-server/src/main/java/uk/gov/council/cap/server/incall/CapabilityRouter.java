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
  private final Map<MessageType, InCallCapability> afterCall = new EnumMap<>(MessageType.class);
  // Each kiosk's last connected call, for messages about it after it ended. Touched only on the
  // call desk's thread (callEnded and fromKiosk are both called there).
  private final Map<String, CallParties> lastCallOfKiosk = new java.util.HashMap<>();

  public CapabilityRouter(List<InCallCapability> capabilities, CallContexts contexts) {
    this.capabilities = List.copyOf(capabilities);
    this.contexts = contexts;
    for (InCallCapability c : this.capabilities) {
      claim(fromKiosk, c.kioskTypes(), c, "kiosk");
      for (MessageType t : c.afterCallKioskTypes()) {
        // One capability may take a type both in and after a call (printing's print.done: a
        // resident's summary prints after the call); two capabilities may not share it.
        if (fromKiosk.containsKey(t) && fromKiosk.get(t) != c) {
          throw new IllegalStateException(
              t.wireName()
                  + " is claimed both in and after a call; one message type has one owner");
        }
      }
      claim(afterCall, c.afterCallKioskTypes(), c, "kiosk (after a call)");
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

  /** Kiosk message types some capability handles, in a call or about the one just ended. */
  public Set<MessageType> kioskTypes() {
    Set<MessageType> all = java.util.EnumSet.noneOf(MessageType.class);
    all.addAll(fromKiosk.keySet());
    all.addAll(afterCall.keySet());
    return Collections.unmodifiableSet(all);
  }

  /** Advisor message types some capability handles. */
  public Set<MessageType> advisorTypes() {
    return Collections.unmodifiableSet(fromAdvisor.keySet());
  }

  /** Whether some capability handles this type from the kiosk (the desk refuses the rest). */
  public boolean handlesFromKiosk(MessageType type) {
    return fromKiosk.containsKey(type) || afterCall.containsKey(type);
  }

  public boolean handlesFromAdvisor(MessageType type) {
    return fromAdvisor.containsKey(type);
  }

  /**
   * A kiosk's message: to the capability that handles it in the kiosk's call, or, with no call,
   * about the kiosk's last call. False if neither applies (the desk tells the kiosk it is not in a
   * call).
   */
  public boolean fromKiosk(String kioskId, java.util.Optional<CallParties> call, Envelope msg) {
    if (call.isPresent()) {
      InCallCapability c = fromKiosk.get(msg.type());
      if (c == null) return false;
      CallContext ctx = contexts.of(call.get());
      c.thread().execute(() -> c.onKiosk(ctx, msg));
      return true;
    }
    InCallCapability c = afterCall.get(msg.type());
    CallParties last = lastCallOfKiosk.get(kioskId);
    if (c == null || last == null) return false;
    CallContext ctx = contexts.of(last);
    c.thread().execute(() -> c.onKioskAfterCall(ctx, msg));
    return true;
  }

  public void fromAdvisor(CallParties call, StaffMember advisor, Envelope msg) {
    InCallCapability c = fromAdvisor.get(msg.type());
    if (c == null) return;
    CallContext ctx = contexts.of(call);
    c.thread().execute(() -> c.onAdvisor(ctx, advisor, msg));
  }

  public void callEnded(CallParties call) {
    lastCallOfKiosk.put(call.kioskId(), call);
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
