package uk.gov.council.cap.server.routing;

import java.time.Instant;
import uk.gov.council.cap.server.signalling.Peer;
import uk.gov.council.cap.server.staff.StaffMember;

/** A signed-in advisor's live state. Mutable, and touched only on the call desk's thread. */
final class AdvisorPresence {
  /** Replaced when an admin changes their skills: the next offer uses the new ones. */
  StaffMember staff;

  final Peer peer;
  AdvisorStatus status = AdvisorStatus.AWAY;

  /** When the advisor last became free; the longest-idle advisor is offered first. */
  Instant idleSince;

  String offeredCallId;

  /**
   * Offers let lapse since the advisor last accepted a call or chose Available; enough in a row set
   * them Away (RoutingPolicy).
   */
  int missedInRow;

  String activeCallId;

  /** After-call work on the call that ended; null when not in wrap-up (ADR 0044). */
  WrapUp wrapUp;

  AdvisorPresence(StaffMember staff, Peer peer, Instant now) {
    this.staff = staff;
    this.peer = peer;
    this.idleSince = now;
  }

  /** Available, and neither offered a call nor in one. Whether they serve it is the rule's say. */
  boolean isFree() {
    return status == AdvisorStatus.AVAILABLE && offeredCallId == null && activeCallId == null;
  }
}
