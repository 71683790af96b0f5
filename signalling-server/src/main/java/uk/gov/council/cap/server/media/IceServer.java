package uk.gov.council.cap.server.media;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An {@code RTCIceServer} as the browser's RTCPeerConnection takes it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IceServer(List<String> urls, String username, String credential) {}
