package uk.gov.council.cap.server.signalling;

import java.time.Instant;
import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.server.staff.SessionEnd;
import uk.gov.council.cap.server.staff.StaffMember;

/**
 * The feature behind the console socket of staff who take calls (the call desk), handed to {@link
 * SocketEndpoints} by the composition root.
 */
public interface StaffSocketHandler {
  void advisorConnected(StaffMember staff, Peer peer);

  /**
   * @param lastHeard when the console was last heard (a silent socket closed as dead), or null for
   *     now
   */
  void advisorDisconnected(StaffMember staff, Peer peer, Instant lastHeard);

  /**
   * The sign-in session behind the socket ended (sign-out, expiry, account turned off, new role);
   * {@code why} lets the desk tell a person who may come back from one who will not.
   */
  void advisorSessionEnded(StaffMember staff, Peer peer, SessionEnd why);

  /** A message already validated at the edge against its schema and the sender's role. */
  void fromAdvisor(StaffMember staff, Peer peer, Envelope msg);
}
