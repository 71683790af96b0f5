package uk.gov.council.cap.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A WebSocket speaking the CAP protocol, for tests that play a screen without a browser: the
 * advisor's console ({@code /ws/console}) or the kiosk's own screen on kiosk-app's bridge ({@code
 * /bridge}). It keeps every message, so a test can wait for one that arrived before it started
 * waiting, and answers {@code link.ping} as the pages do.
 */
final class ProtocolSocket implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final WebSocket socket;
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private final Object arrived = new Object();
  private volatile String closed;
  private volatile boolean answerPings = true;
  private int nextId;

  private ProtocolSocket(URI uri, Map<String, String> headers) {
    WebSocket.Builder b =
        HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
    headers.forEach(b::header);
    StringBuilder partial = new StringBuilder();
    socket =
        b.buildAsync(
                uri,
                new WebSocket.Listener() {
                  @Override
                  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                      JsonNode m;
                      try {
                        m = JSON.readTree(partial.toString());
                      } catch (Exception e) {
                        throw new IllegalStateException(e);
                      }
                      partial.setLength(0);
                      if ("link.ping".equals(m.path("type").asText())) {
                        // Answered at once, as the console page does; the server closes a socket
                        // that stays silent.
                        if (answerPings) {
                          sendRaw(ws, "{\"v\":1,\"type\":\"link.pong\",\"payload\":{}}");
                        }
                        ws.request(1);
                        return null;
                      }
                      received.add(m);
                      synchronized (arrived) {
                        arrived.notifyAll();
                      }
                    }
                    ws.request(1);
                    return null;
                  }

                  @Override
                  public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                    closed = statusCode + " " + reason;
                    return null;
                  }

                  @Override
                  public void onError(WebSocket ws, Throwable error) {
                    closed = "error " + error;
                  }
                })
            .join();
  }

  /** The advisor's console, signed in with {@code api}'s session. */
  static ProtocolSocket console(StaffApi api) {
    return new ProtocolSocket(
        URI.create(api.baseUrl().replaceFirst("^http", "ws") + "/ws/console"),
        Map.of("Cookie", api.cookie(), "Origin", api.baseUrl()));
  }

  /**
   * kiosk-app's own link to the server ({@code /ws/kiosk}), authenticated with the kiosk's secret:
   * for a test that plays the kiosk without kiosk-app (whose reconnect backoff would pace a test
   * that restarts the server often).
   */
  static ProtocolSocket kiosk(String serverUrl, String kioskId, String kioskSecret) {
    return new ProtocolSocket(
        URI.create(serverUrl.replaceFirst("^http", "ws") + "/ws/kiosk"),
        Map.of("Authorization", "Kiosk " + kioskId + ":" + kioskSecret));
  }

  /** The kiosk's screen, on kiosk-app's loopback bridge (what the JCEF window's page does). */
  static ProtocolSocket kioskScreen(String kioskUiUrl) {
    String origin = kioskUiUrl.replaceFirst("/+$", "");
    return new ProtocolSocket(
        URI.create(origin.replaceFirst("^http", "ws") + "/bridge"), Map.of("Origin", origin));
  }

  void send(String type, Map<String, ?> payload) {
    ObjectNode root = JSON.createObjectNode();
    root.put("v", 1);
    root.put("type", type);
    root.put("id", "t" + (++nextId));
    root.set("payload", JSON.valueToTree(payload));
    sendRaw(socket, root.toString());
  }

  /** One send at a time: the JDK's WebSocket refuses a second while one is pending. */
  private synchronized void sendRaw(WebSocket ws, String text) {
    ws.sendText(text, true).join();
  }

  /**
   * The payload of the first message of {@code type} received so far (or within 20 s) that matches.
   */
  JsonNode await(String type, Predicate<JsonNode> matching) {
    return await(type, matching, Duration.ofSeconds(20));
  }

  JsonNode await(String type) {
    return await(type, p -> true);
  }

  JsonNode await(String type, Predicate<JsonNode> matching, Duration timeout) {
    return awaitAfter(0, type, matching, timeout);
  }

  /** Like {@link #await}, but only among messages received after the first {@code skip}. */
  JsonNode awaitAfter(int skip, String type, Predicate<JsonNode> matching, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (arrived) {
      while (true) {
        for (int i = skip; i < received.size(); i++) {
          JsonNode m = received.get(i);
          if (type.equals(m.path("type").asText()) && matching.test(m.path("payload"))) {
            return m.path("payload");
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "No "
                  + type
                  + " (matching) within "
                  + timeout
                  + "; received "
                  + received
                  + (closed == null ? "" : "; the socket closed: " + closed));
        }
        try {
          arrived.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
  }

  /** How many messages have arrived: a mark for {@link #awaitAfter}. */
  int mark() {
    return received.size();
  }

  /** Stops answering {@code link.ping}, as a frozen browser would (the socket stays open). */
  void freeze() {
    answerPings = false;
  }

  /** Whether the other end has closed this socket (or it failed). */
  boolean isClosed() {
    return closed != null;
  }

  List<JsonNode> received() {
    return received;
  }

  @Override
  public void close() {
    socket.abort();
  }
}
