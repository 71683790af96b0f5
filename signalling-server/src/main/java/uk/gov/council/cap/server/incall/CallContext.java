package uk.gov.council.cap.server.incall;

import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.protocol.ProtocolCodec;
import uk.gov.council.cap.server.staff.StaffMember;

/**
 * One call as a capability sees it: who is in it, the case its work belongs to (merges followed),
 * the checks every capability makes, and sending to either side. Made by {@link CallContexts} for
 * each message and for each route that starts work in a call.
 */
public final class CallContext {
  private final CallParties parties;
  private final CallPort port;
  private final CaseFinder cases;
  private final ProtocolCodec codec;
  private String caseId;

  CallContext(CallParties parties, CallPort port, CaseFinder cases, ProtocolCodec codec) {
    this.parties = parties;
    this.port = port;
    this.cases = cases;
    this.codec = codec;
  }

  public CallParties parties() {
    return parties;
  }

  public String callId() {
    return parties.callId();
  }

  public String kioskId() {
    return parties.kioskId();
  }

  public String advisorId() {
    return parties.advisorId();
  }

  /** The case this call's work is stored on: the call's case, or the case it was merged into. */
  public String caseId() {
    if (caseId == null) {
      caseId = cases.currentCaseId(parties.caseId()).orElse(parties.caseId());
    }
    return caseId;
  }

  /** Refuses (403) unless {@code who} is the advisor in this call. */
  public CallContext requireAdvisor(StaffMember who) {
    if (!parties.advisorId().equals(who.id())) throw InCallProblem.notTheAdvisor();
    return this;
  }

  /** Refuses (403) unless {@code kioskId} is this call's kiosk. */
  public CallContext requireKiosk(String kioskId) {
    if (!parties.kioskId().equals(kioskId)) throw InCallProblem.notTheKiosk();
    return this;
  }

  public void toKiosk(MessageType type, Object payload) {
    port.sendToCall(callId(), codec.encode(type, payload), true, false);
  }

  public void toAdvisor(MessageType type, Object payload) {
    port.sendToCall(callId(), codec.encode(type, payload), false, true);
  }

  public void toBoth(MessageType type, Object payload) {
    port.sendToCall(callId(), codec.encode(type, payload), true, true);
  }

  /** To this call's kiosk even after the call has ended (the survey). */
  public void toKioskAnyway(MessageType type, Object payload) {
    port.sendToKiosk(kioskId(), codec.encode(type, payload));
  }

  /** To this call's advisor even after the call has ended (a payment settling late). */
  public void toAdvisorAnyway(MessageType type, Object payload) {
    port.sendToAdvisor(advisorId(), codec.encode(type, payload));
  }
}
