package uk.gov.council.cap.server.media;

import java.util.List;
import java.util.Map;

/**
 * How a connected call gets its media. The seam for a Jitsi backend: peer-to-peer WebRTC today; a
 * Jitsi backend would return {@code {mode: "jitsi", room, jwt}} instead, and clients switch on
 * {@code media.mode}.
 */
public interface MediaBackend {

  /** What each party is told in {@code call.connected}. */
  record MediaPlan(
      Map<String, Object> media,
      List<IceServer> kioskIceServers,
      List<IceServer> advisorIceServers) {}

  MediaPlan plan(String callId, String kioskPrincipal, String advisorPrincipal);
}
