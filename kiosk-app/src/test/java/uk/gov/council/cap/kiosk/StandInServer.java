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

    StandInServer(int port) {
        app = Javalin.create(c -> c.showJavalinBanner = false);
        app.ws("/ws/kiosk", ws -> {
            ws.onConnect(ctx -> {
                authorizations.add(String.valueOf(ctx.header("Authorization")));
                kiosk.set(ctx);
                ctx.send("{\"v\":1,\"type\":\"kiosk.config\",\"payload\":{\"kioskId\":\"k1\",\"kioskName\":\"Test kiosk\","
                        + "\"siteName\":\"Test Library\",\"phone\":\"01632 960 000\",\"idleTimeoutSeconds\":120,\"enquiryThemes\":[]}}");
            });
            // Heartbeats come every few seconds on their own; tests that want them look in their own queue.
            ws.onMessage(ctx -> (ctx.message().contains("\"kiosk.heartbeat\"") ? heartbeats : received).add(ctx.message()));
        });
        app.start("127.0.0.1", port);
    }

    String url() {
        return "http://127.0.0.1:" + app.port();
    }

    void sendToKiosk(String text) {
        Await.until("kiosk-app to connect to the stand-in server", () -> kiosk.get() != null);
        kiosk.get().send(text);
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
        WsContext k = kiosk.get();
        if (k != null && k.session.isOpen()) {
            k.closeSession(1001, "Server stopping");
        }
        app.stop();
    }
}
