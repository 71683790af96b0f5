package uk.gov.council.cap.server.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import uk.gov.council.cap.server.signalling.Peer;

/** A connection that keeps what the desk sent it, for unit tests without sockets. */
final class RecordingPeer implements Peer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<JsonNode> sent = new ArrayList<>();
  String closedWith;

  @Override
  public void send(String text) {
    try {
      sent.add(JSON.readTree(text));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close(int code, String reason) {
    closedWith = code + " " + reason;
  }

  /** The types of every message sent so far, in order. */
  List<String> types() {
    return sent.stream().map(m -> m.path("type").asText()).toList();
  }

  /** The payload of the last message of this type, or a missing node. */
  JsonNode last(String type) {
    for (int i = sent.size() - 1; i >= 0; i--) {
      if (sent.get(i).path("type").asText().equals(type)) {
        return sent.get(i).path("payload");
      }
    }
    return JSON.missingNode();
  }

  int count(String type) {
    return (int) types().stream().filter(type::equals).count();
  }

  /** Forgets what was sent, so a test can look at what comes next only. */
  void clear() {
    sent.clear();
  }
}
