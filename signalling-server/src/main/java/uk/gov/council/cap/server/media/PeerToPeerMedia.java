package uk.gov.council.cap.server.media;

import java.util.Map;

/**
 * WebRTC straight between the kiosk's page and the console page; the server only relays signalling.
 */
public final class PeerToPeerMedia implements MediaBackend {
  private final IceServerProvider iceServers;

  public PeerToPeerMedia(IceServerProvider iceServers) {
    this.iceServers = iceServers;
  }

  @Override
  public MediaPlan plan(String callId, String kioskPrincipal, String advisorPrincipal) {
    return new MediaPlan(
        Map.of("mode", "p2p"),
        iceServers.forPrincipal(kioskPrincipal),
        iceServers.forPrincipal(advisorPrincipal));
  }
}
