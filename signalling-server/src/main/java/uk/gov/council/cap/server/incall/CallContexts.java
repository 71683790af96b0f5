package uk.gov.council.cap.server.incall;

import java.util.Optional;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.protocol.ProtocolCodec;
import uk.gov.council.cap.server.staff.StaffMember;

/**
 * Makes the {@link CallContext} for a call, for the router (a message in a call) and for routes (an
 * advisor starting work in a call), so both pass the same checks in the same words.
 */
public final class CallContexts {
  private final CallPort port;
  private final CaseFinder cases;
  private final ProtocolCodec codec;

  public CallContexts(CallPort port, CaseFinder cases, ProtocolCodec codec) {
    this.port = port;
    this.cases = cases;
    this.codec = codec;
  }

  public CallContext of(CallParties parties) {
    return new CallContext(parties, port, cases, codec);
  }

  /** The call if it is in progress now. */
  public Optional<CallContext> inProgress(String callId) {
    return port.callInProgress(callId).map(this::of);
  }

  /**
   * The call, for its advisor starting work in it: 409 if it is not in progress ("…so the kiosk
   * cannot {@code whatTheKioskCannotDo}."), 403 if {@code advisor} is not the call's advisor.
   */
  public CallContext forAdvisor(String callId, StaffMember advisor, String whatTheKioskCannotDo) {
    return inProgress(callId)
        .orElseThrow(() -> InCallProblem.notInProgress(whatTheKioskCannotDo))
        .requireAdvisor(advisor);
  }

  /** The case a case id is now (merges followed), for work that outlives its call. */
  public String currentCaseId(String caseId) {
    return cases.currentCaseId(caseId).orElse(caseId);
  }

  /**
   * To a call's kiosk while the call lasts, and to the staff member who started the work there,
   * also once the call has ended, so they see how it finished (a scan or photo cancelled).
   */
  public void toKioskAndStaff(String callId, String staffId, MessageType type, Object payload) {
    String frame = codec.encode(type, payload);
    port.sendToCall(callId, frame, true, false);
    port.sendToAdvisor(staffId, frame);
  }

  /** Sends to a signed-in advisor whether or not they are in a call. */
  public void toAdvisor(String staffId, String frame) {
    port.sendToAdvisor(staffId, frame);
  }

  public ProtocolCodec codec() {
    return codec;
  }
}
