package uk.gov.council.cap.server.routing;

import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.server.staff.StaffMember;

/**
 * A capability that works inside a connected call (forms now; scans, photos, payments later). The
 * desk checks the sender is a party of a call in progress, then hands the message over. Called on
 * the desk's thread: implementations must hand work to their own thread at once and never block.
 */
public interface CallSteps {
  CallSteps NONE =
      new CallSteps() {
        @Override
        public void fromKiosk(CallParties call, Envelope msg) {}

        @Override
        public void fromAdvisor(CallParties call, StaffMember advisor, Envelope msg) {}

        @Override
        public void callEnded(CallParties call) {}
      };

  void fromKiosk(CallParties call, Envelope msg);

  void fromAdvisor(CallParties call, StaffMember advisor, Envelope msg);

  void callEnded(CallParties call);

  /**
   * The call carried on after one side came back (a kiosk screen reload, a console reload): a step
   * in progress sends its current state to both sides again, so the resident sees where they were.
   */
  default void callResumed(CallParties call) {}
}
