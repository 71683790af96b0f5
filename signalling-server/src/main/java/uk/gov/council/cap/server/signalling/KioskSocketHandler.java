package uk.gov.council.cap.server.signalling;

import java.time.Instant;
import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.server.kiosks.Kiosk;

/**
 * A feature behind the kiosk socket (the call desk, the fleet monitor). The composition root hands
 * them to {@link SocketEndpoints}, so this package never needs to know the features by name.
 */
public interface KioskSocketHandler {
  void kioskConnected(Kiosk kiosk, Peer peer);

  /**
   * @param lastHeard when the kiosk was last heard (a silent link closed as dead), or null for now
   */
  void kioskDisconnected(Kiosk kiosk, Peer peer, Instant lastHeard);

  /**
   * Whether this feature takes kiosk messages of this type. A message goes to the first handler
   * that takes it, so a catch-all handler comes last.
   */
  default boolean takesFromKiosk(MessageType type) {
    return true;
  }

  /**
   * A message already validated at the edge against its schema and the kiosk's right to send it.
   */
  void fromKiosk(Kiosk kiosk, Peer peer, Envelope msg);
}
