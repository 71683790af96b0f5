package uk.gov.council.cap.server.routing;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.protocol.ProtocolCodec;

/** The advisors signed in to the desk now, by staff id. Touched only on the desk's thread. */
final class Advisors {
  private final Map<String, AdvisorPresence> byId = new HashMap<>();
  private final ProtocolCodec codec;
  private final RoutingRules rules;
  private final ParkedCalls parked;

  Advisors(ProtocolCodec codec, RoutingRules rules, ParkedCalls parked) {
    this.codec = codec;
    this.rules = rules;
    this.parked = parked;
  }

  AdvisorPresence get(String staffId) {
    return staffId == null ? null : byId.get(staffId);
  }

  void put(AdvisorPresence p) {
    byId.put(p.staff.id(), p);
  }

  void remove(String staffId) {
    byId.remove(staffId);
  }

  Collection<AdvisorPresence> all() {
    return byId.values();
  }

  /** Those free now who serve the call: the ones the rules may choose from. */
  List<AdvisorPresence> freeFor(QueueEntry call, Instant now) {
    CallNeed need = call.need(now);
    return byId.values().stream().filter(a -> a.isFree() && serves(a, need)).toList();
  }

  boolean serves(AdvisorPresence a, CallNeed call) {
    return rules.serves(a.staff, call);
  }

  /** Signed in and serving such a call, free or not. */
  int signedInFor(CallNeed call) {
    return (int) byId.values().stream().filter(a -> serves(a, call)).count();
  }

  /** Sends to the advisor if they are signed in. */
  void send(String staffId, String frame) {
    AdvisorPresence a = get(staffId);
    if (a != null) {
      a.peer.send(frame);
    }
  }

  void sendState(AdvisorPresence p) {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("status", p.status.name());
    state.put("displayName", p.staff.displayName());
    state.put("username", p.staff.username());
    // The skills the desk routes by now: an admin's change shows without signing in again.
    state.put("themes", List.copyOf(p.staff.themes()));
    state.put("languages", List.copyOf(p.staff.languages()));
    // The call the server holds for this advisor: a console that reconnects learns whether its call
    // is still on.
    if (p.activeCallId != null) {
      state.put("callId", p.activeCallId);
    }
    // The calls they parked, listed on their console (a reloaded console learns them again).
    state.put("parked", parked.of(p.staff.id()));
    // Wrap-up (ADR 0044): Busy recording the outcome; once it is saved, when they are ready.
    if (p.wrapUp != null) {
      state.put("wrapUp", true);
      if (p.wrapUp.readyAt() != null) {
        state.put("readyAt", p.wrapUp.readyAt().toString());
      }
    }
    p.peer.send(codec.encode(MessageType.ADVISOR_STATE, state));
  }
}
