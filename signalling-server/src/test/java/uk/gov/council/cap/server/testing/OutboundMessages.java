package uk.gov.council.cap.server.testing;

import java.util.ArrayList;
import java.util.List;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.protocol.ProtocolCodec;

/**
 * Collects the messages a test server sent that break their published schema, so the test fails
 * when the server is closed. The message is still sent, so the test's own checks run as they would
 * and the failure names the schema rather than a timeout.
 */
public final class OutboundMessages implements ProtocolCodec.OutboundCheck {
  private final List<String> broken = new ArrayList<>();

  @Override
  public synchronized void broken(MessageType type, String problems) {
    broken.add(type.wireName() + ": " + problems);
  }

  public synchronized List<String> broken() {
    return List.copyOf(broken);
  }

  public void assertAllMatchedTheirSchemas() {
    List<String> found = broken();
    if (!found.isEmpty()) {
      throw new AssertionError(
          "The server sent "
              + found.size()
              + " message(s) that break their schema (protocol/src/main/resources/protocol/v1):\n  "
              + String.join("\n  ", found.stream().distinct().toList()));
    }
  }
}
