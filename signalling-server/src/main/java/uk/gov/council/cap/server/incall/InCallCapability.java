package uk.gov.council.cap.server.incall;

import java.util.Set;
import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.server.staff.StaffMember;
import uk.gov.council.cap.server.threads.SerialThread;

/**
 * A step inside a connected call: forms, scans, photos, printing, payments, the survey (ADR 0034).
 * It declares the message types it handles from each side; the call desk checks the sender is in a
 * call in progress, and the {@link CapabilityRouter} hands the message to the one capability that
 * declared its type, on that capability's {@link #thread()}. A type is claimed by at most one
 * capability; the server refuses to start otherwise.
 */
public interface InCallCapability {
  /** Short and lower case ("forms", "printing"): names the capability's thread and its logs. */
  String name();

  /** The thread every handler below runs on. */
  SerialThread thread();

  /** Message types the kiosk in a call may send to this capability. */
  Set<MessageType> kioskTypes();

  /** Message types the advisor in a call may send to this capability. */
  default Set<MessageType> advisorTypes() {
    return Set.of();
  }

  /**
   * Message types a kiosk may send about the call it has just finished, while it is in no other
   * call (the satisfaction survey). The context is that last call's.
   */
  default Set<MessageType> afterCallKioskTypes() {
    return Set.of();
  }

  /** A message from the call's kiosk, of one of {@link #kioskTypes()}. */
  default void onKiosk(CallContext call, Envelope msg) {}

  /**
   * A message from the kiosk of a call that has ended, of one of {@link #afterCallKioskTypes()}.
   */
  default void onKioskAfterCall(CallContext call, Envelope msg) {}

  /** A message from the call's advisor, of one of {@link #advisorTypes()}. */
  default void onAdvisor(CallContext call, StaffMember advisor, Envelope msg) {}

  /** The call ended: cancel or settle anything of this call still under way. */
  default void onCallEnded(CallContext call) {}

  /**
   * The call carried on after one side came back (a kiosk screen reload, a console reload): a step
   * in progress sends its current state to both sides again, so the resident sees where they were.
   */
  default void onCallResumed(CallContext call) {}
}
