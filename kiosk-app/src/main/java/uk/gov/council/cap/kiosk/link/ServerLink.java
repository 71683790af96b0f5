package uk.gov.council.cap.kiosk.link;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's one connection to the server, authenticated with its own secret. It reconnects with
 * {@link Backoff} whenever the link drops, for as long as the kiosk runs.
 */
public final class ServerLink implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServerLink.class);

  /** What the rest of the kiosk hears from the link. Called on the link's own thread. */
  public interface Listener {
    void onLinkUp();

    void onLinkDown();

    void onMessage(String text);
  }

  private final URI uri;
  private final String authorization;
  private final Listener listener;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final Backoff backoff = new Backoff();
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "server-link");
            t.setDaemon(true);
            return t;
          });

  /**
   * The server sends link.ping every few seconds; this long without hearing anything means the
   * network is gone.
   */
  private final Duration silenceLimit;

  private volatile WebSocket socket;
  private volatile boolean closed;
  private volatile long lastHeardNanos = System.nanoTime();

  public ServerLink(
      URI uri, String kioskId, String kioskSecret, Duration silenceLimit, Listener listener) {
    this.uri = uri;
    this.silenceLimit = silenceLimit;
    this.authorization = "Kiosk " + kioskId + ":" + kioskSecret;
    this.listener = listener;
  }

  public void start() {
    thread.execute(this::connect);
    // A cable pulled between kiosk and server sends no close frame; notice the silence instead.
    long every = Math.max(100, silenceLimit.toMillis() / 5);
    thread.scheduleAtFixedRate(this::checkSilence, every, every, TimeUnit.MILLISECONDS);
  }

  private void checkSilence() {
    WebSocket s = socket;
    if (s != null && System.nanoTime() - lastHeardNanos > silenceLimit.toNanos()) {
      LOG.info("Nothing heard from the server for {} ms; reconnecting", silenceLimit.toMillis());
      s.abort();
      if (socket == s) {
        socket = null;
        listener.onLinkDown();
        scheduleReconnect();
      }
    }
  }

  /** Drops the connection and connects again at once (a soft restart from the fleet page). */
  public void reconnect() {
    WebSocket s = socket;
    if (s != null) {
      s.abort();
      if (socket == s) {
        socket = null;
        listener.onLinkDown();
      }
    }
    backoff.reset();
    thread.execute(this::connect);
  }

  public boolean isUp() {
    return socket != null;
  }

  /** Sends a text frame; false when the link is down (the caller tells the resident). */
  public boolean send(String text) {
    WebSocket s = socket;
    if (s == null) {
      return false;
    }
    synchronized (this) {
      // The JDK WebSocket allows one outstanding send at a time.
      s.sendText(text, true).join();
    }
    return true;
  }

  private void connect() {
    if (closed) {
      return;
    }
    http.newWebSocketBuilder()
        .header("Authorization", authorization)
        .connectTimeout(Duration.ofSeconds(10))
        .buildAsync(uri, new Handler())
        .whenComplete(
            (ws, error) -> {
              if (error != null && rootMessage(error).contains("status code 401")) {
                LOG.warn(
                    "The server refused this kiosk's credentials: it may have been revoked on the Fleet page."
                        + " Run `provisioning status`; to use it again, enrol it with a new token. Still trying.");
                scheduleReconnect();
              } else if (error != null) {
                LOG.info("Cannot reach the server at {}: {}", uri, rootMessage(error));
                scheduleReconnect();
              }
            });
  }

  private void scheduleReconnect() {
    if (closed) {
      return;
    }
    Duration delay = backoff.nextDelay();
    thread.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private final class Handler implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public void onOpen(WebSocket ws) {
      lastHeardNanos = System.nanoTime();
      socket = ws;
      backoff.reset();
      LOG.info("Connected to {}", uri);
      thread.execute(listener::onLinkUp);
      ws.request(1);
    }

    @Override
    public CompletionStage<?> onPing(WebSocket ws, java.nio.ByteBuffer message) {
      lastHeardNanos = System.nanoTime();
      ws.request(1);
      // The JDK client answers with a pong by itself once this stage completes.
      return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      lastHeardNanos = System.nanoTime();
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        thread.execute(() -> listener.onMessage(text));
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      LOG.info("Server closed the link ({} {})", statusCode, reason);
      lost(ws);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      LOG.info("Link to the server failed: {}", rootMessage(error));
      lost(ws);
    }

    private void lost(WebSocket ws) {
      if (socket == ws) {
        socket = null;
        thread.execute(listener::onLinkDown);
        scheduleReconnect();
      }
    }
  }

  private static String rootMessage(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  /** Whether this part's thread runs a task within {@code within} (for the systemd watchdog). */
  public boolean responsive(java.time.Duration within) {
    return uk.gov.council.cap.kiosk.Responsiveness.answers(thread, within);
  }

  @Override
  public void close() {
    closed = true;
    WebSocket s = socket;
    socket = null;
    if (s != null) {
      s.abort();
    }
    thread.shutdownNow();
  }
}
