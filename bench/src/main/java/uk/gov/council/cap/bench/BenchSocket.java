package uk.gov.council.cap.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * A JDK WebSocket client that answers the server's pings and hands every other message (type,
 * payload) to a callback.
 */
final class BenchSocket {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final WebSocket socket;

  BenchSocket(
      HttpClient http,
      URI uri,
      Map<String, String> headers,
      BiConsumer<String, JsonNode> onMessage) {
    WebSocket.Builder b = http.newWebSocketBuilder();
    headers.forEach(b::header);
    socket =
        b.buildAsync(
                uri,
                new WebSocket.Listener() {
                  private final StringBuilder partial = new StringBuilder();

                  @Override
                  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                      try {
                        JsonNode m = JSON.readTree(partial.toString());
                        if ("link.ping".equals(m.path("type").asText())) {
                          // Answered like every real client, or the server closes the socket as
                          // dead.
                          sendRaw("{\"v\":1,\"type\":\"link.pong\",\"payload\":{}}");
                        } else {
                          onMessage.accept(m.path("type").asText(), m.path("payload"));
                        }
                      } catch (Exception e) {
                        throw new IllegalStateException(e);
                      }
                      partial.setLength(0);
                    }
                    ws.request(1);
                    return null;
                  }
                })
            .join();
  }

  void send(String type, Map<String, ?> payload) {
    sendRaw("{\"v\":1,\"type\":\"" + type + "\",\"payload\":" + toJson(payload) + "}");
  }

  synchronized void sendRaw(String text) {
    // The JDK WebSocket allows one send in flight per socket.
    socket.sendText(text, true).join();
  }

  void close() {
    socket.abort();
  }

  private static String toJson(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
