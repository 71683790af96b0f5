package uk.gov.council.cap.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client (the JDK's) playing a kiosk or a console in tests. It records every
 * message and lets the test wait for the next one of a given type.
 */
public final class WsClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final WebSocket socket;
  private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
  private final List<JsonNode> seen = new ArrayList<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private volatile String closeReason;
  private int nextId;

  /**
   * A frozen client (a browser under SIGSTOP) reads nothing and answers nothing, though its TCP
   * stays open.
   */
  private volatile boolean frozen;

  private WsClient(URI uri, Map<String, String> headers) {
    WebSocket.Builder b =
        HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
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
                      if (frozen) {
                        // Dropped unread, as a stopped process would leave it.
                      } else if ("link.ping".equals(m.path("type").asText())) {
                        // Answered at once, like every real client; not recorded, so tests see only
                        // what matters.
                        sendRaw(ws, "{\"v\":1,\"type\":\"link.pong\",\"payload\":{}}");
                      } else {
                        inbox.add(m);
                      }
                    }
                    ws.request(1);
                    return null;
                  }

                  @Override
                  public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                    closeReason = reason;
                    closed.complete(statusCode);
                    return null;
                  }

                  @Override
                  public void onError(WebSocket ws, Throwable error) {
                    closed.complete(-1);
                  }
                })
            .join();
  }

  public static WsClient kiosk(String baseUrl, String kioskId, String secret) {
    return new WsClient(
        URI.create(baseUrl.replace("http", "ws") + "/ws/kiosk"),
        Map.of("Authorization", "Kiosk " + kioskId + ":" + secret));
  }

  public static WsClient console(String baseUrl, String sessionCookie) {
    return new WsClient(
        URI.create(baseUrl.replace("http", "ws") + "/ws/console"),
        Map.of("Cookie", sessionCookie, "Origin", baseUrl));
  }

  /** Any endpoint with any headers: for tests of who may connect where. */
  public static WsClient open(String baseUrl, String path, Map<String, String> headers) {
    return new WsClient(URI.create(baseUrl.replace("http", "ws") + path), headers);
  }

  /** Sends {@code {"v":1,"type":…,"id":…,"payload":…}} and returns the id used. */
  public String send(String type, Map<String, ?> payload) {
    String id = "t" + (++nextId);
    ObjectNode root = JSON.createObjectNode();
    root.put("v", 1);
    root.put("type", type);
    root.put("id", id);
    root.set("payload", JSON.valueToTree(payload));
    sendRaw(root.toString());
    return id;
  }

  /**
   * From now on this client answers nothing and reads nothing, like a frozen browser or a pulled
   * cable.
   */
  public void freeze() {
    frozen = true;
  }

  public void sendRaw(String text) {
    sendRaw(socket, text);
  }

  /**
   * The JDK WebSocket allows one send at a time; pongs from the listener and the test's sends take
   * turns.
   */
  private final Object sending = new Object();

  private void sendRaw(WebSocket ws, String text) {
    synchronized (sending) {
      ws.sendText(text, true).join();
    }
  }

  /**
   * Waits for the next message of this type, skipping others (which stay recorded in {@link
   * #seen()}).
   */
  public JsonNode await(String type) {
    return await(type, Duration.ofSeconds(10));
  }

  public JsonNode await(String type, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      JsonNode m;
      try {
        m = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      if (m == null) {
        throw new AssertionError("No " + type + " within " + timeout + "; saw " + seen);
      }
      seen.add(m);
      if (type.equals(m.path("type").asText())) {
        return m.path("payload");
      }
    }
  }

  /** Waits for the next message of this type whose payload matches, skipping others. */
  public JsonNode await(String type, java.util.function.Predicate<JsonNode> matching) {
    while (true) {
      JsonNode p = await(type);
      if (matching.test(p)) {
        return p;
      }
    }
  }

  /**
   * Sets an advisor Available and waits until the server says so, so a call requested next finds
   * them.
   */
  public void becomeAvailable() {
    send("advisor.status", java.util.Map.of("status", "AVAILABLE"));
    await("advisor.state", p -> p.path("status").asText().equals("AVAILABLE"));
  }

  /**
   * Asserts that no message of this type came before the next {@code barrier} message, a reply the
   * test has just caused. The server writes to one connection in order, so once the barrier is
   * here, anything it sent earlier is here too: a deterministic "nothing arrived", with no waiting
   * for a while in the hope that nothing comes.
   */
  public void expectNoneBefore(String type, String barrier) {
    await(barrier);
    List<String> unexpected =
        seen.stream()
            .filter(m -> type.equals(m.path("type").asText()))
            .map(JsonNode::toString)
            .toList();
    if (!unexpected.isEmpty()) {
      throw new AssertionError("Unexpected " + type + " before " + barrier + ": " + unexpected);
    }
  }

  /**
   * The deliberate quiet period of a test that a call holds: the timeouts under test are real ones
   * (a socket's silence, a call's resume grace), so real time must pass. Fails as soon as a message
   * of a forbidden type arrives.
   */
  public void holdQuietFor(Duration period, String... forbidden) {
    java.util.Set<String> banned = java.util.Set.of(forbidden);
    long deadline = System.nanoTime() + period.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      JsonNode m;
      try {
        m = inbox.poll(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      if (m != null) {
        seen.add(m);
        if (banned.contains(m.path("type").asText())) {
          throw new AssertionError("Unexpected " + m + " during the quiet period");
        }
      }
    }
  }

  public List<JsonNode> seen() {
    return seen;
  }

  public boolean isOpen() {
    return !socket.isInputClosed() && !closed.isDone();
  }

  /** The close code the server sent, waiting up to {@code timeout} for it. */
  public int awaitClose(Duration timeout) {
    try {
      return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("The connection was not closed within " + timeout, e);
    }
  }

  /**
   * The reason the server gave when it closed the connection (after {@link #awaitClose}), or null.
   */
  public String closeReason() {
    return closeReason;
  }

  /** Drops the connection abruptly, as a pulled network cable would. */
  public void drop() {
    socket.abort();
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
    socket.abort();
  }
}
