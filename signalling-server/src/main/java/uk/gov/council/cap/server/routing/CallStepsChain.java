package uk.gov.council.cap.server.routing;

import java.util.List;
import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.server.staff.StaffMember;

/**
 * Several in-call capabilities behind the desk's one seam: each message goes to the capability that
 * owns its type.
 */
public final class CallStepsChain implements CallSteps {
  /** A capability and the message-type prefix it owns, such as "form." or "payment.". */
  public record Step(String typePrefix, CallSteps steps) {}

  private final List<Step> steps;

  public CallStepsChain(List<Step> steps) {
    this.steps = List.copyOf(steps);
  }

  @Override
  public void fromKiosk(CallParties call, Envelope msg) {
    for (Step s : steps) {
      if (msg.type().wireName().startsWith(s.typePrefix())) s.steps().fromKiosk(call, msg);
    }
  }

  @Override
  public void fromAdvisor(CallParties call, StaffMember advisor, Envelope msg) {
    for (Step s : steps) {
      if (msg.type().wireName().startsWith(s.typePrefix()))
        s.steps().fromAdvisor(call, advisor, msg);
    }
  }

  @Override
  public void callEnded(CallParties call) {
    steps.forEach(s -> s.steps().callEnded(call));
  }

  @Override
  public void callResumed(CallParties call) {
    steps.forEach(s -> s.steps().callResumed(call));
  }
}
