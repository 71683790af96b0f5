package uk.gov.council.cap.kiosk;

import io.javalin.Javalin;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stand-in for the signalling server's kiosk endpoint, so kiosk-app's own behaviour (relay,
 * validation, reconnect) can be tested alone. The real server is exercised in system-tests.
 */
final class StandInServer implements AutoCloseable {
  final Javalin app;
  final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
  final LinkedBlockingQueue<String> heartbeats = new LinkedBlockingQueue<>();
  final LinkedBlockingQueue<String> authorizations = new LinkedBlockingQueue<>();
  final AtomicReference<WsContext> kiosk = new AtomicReference<>();
  final LinkedBlockingQueue<String> pongs = new LinkedBlockingQueue<>();

  /**
   * Like the real server, it asks "are you there?" every few hundred milliseconds, unless told to
   * fall silent.
   */
  volatile boolean silent;

  private final java.util.concurrent.ScheduledExecutorService pinger =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "stand-in-pinger");
            t.setDaemon(true);
            return t;
          });

  StandInServer(int port) {
    this(port, null);
  }

  /**
   * @param holdingCallId the connected call this stand-in holds for the kiosk (named in
   *     kiosk.config), or null
   */
  StandInServer(int port, String holdingCallId) {
    String held = holdingCallId == null ? "" : ",\"activeCallId\":\"" + holdingCallId + "\"";
    app = Javalin.create(c -> c.showJavalinBanner = false);
    app.ws(
        "/ws/kiosk",
        ws -> {
          ws.onConnect(
              ctx -> {
                authorizations.add(String.valueOf(ctx.header("Authorization")));
                kiosk.set(ctx);
                ctx.send(
                    "{\"v\":1,\"type\":\"kiosk.config\",\"payload\":{\"kioskId\":\"k1\",\"kioskName\":\"Test kiosk\","
                        + "\"siteName\":\"Test Library\",\"phone\":\"01632 960 000\",\"idleTimeoutSeconds\":120,\"enquiryThemes\":[]"
                        + held
                        + "}}");
              });
          // Heartbeats and pongs come on their own; tests that want them look in their own queues.
          ws.onMessage(
              ctx ->
                  (ctx.message().contains("\"kiosk.heartbeat\"")
                          ? heartbeats
                          : ctx.message().contains("\"link.pong\"") ? pongs : received)
                      .add(ctx.message()));
        });
    app.start("127.0.0.1", port);
    pinger.scheduleAtFixedRate(
        () -> {
          WsContext k = kiosk.get();
          if (!silent && k != null && k.session.isOpen()) {
            k.send("{\"v\":1,\"type\":\"link.ping\",\"payload\":{}}");
          }
        },
        300,
        300,
        TimeUnit.MILLISECONDS);
  }

  String url() {
    return "http://127.0.0.1:" + app.port();
  }

  void sendToKiosk(String text) {
    Await.until("kiosk-app to connect to the stand-in server", () -> kiosk.get() != null);
    kiosk.get().send(text);
  }

  /** Waits until kiosk-app has connected (again). */
  void awaitConnected(Duration timeout) throws InterruptedException {
    if (authorizations.poll(timeout.toMillis(), TimeUnit.MILLISECONDS) == null) {
      throw new AssertionError("kiosk-app did not connect within " + timeout);
    }
  }

  String awaitReceived(Duration timeout) throws InterruptedException {
    String m = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (m == null) {
      throw new AssertionError("The stand-in server received nothing within " + timeout);
    }
    return m;
  }

  /** Goes away as a server does when it stops: the kiosk's connection is closed, then the port. */
  @Override
  public void close() {
    pinger.shutdownNow();
    WsContext k = kiosk.get();
    if (k != null && k.session.isOpen()) {
      k.closeSession(1001, "Server stopping");
    }
    app.stop();
  }
}
