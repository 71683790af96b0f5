package uk.gov.council.cap.kiosk.screen;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.websocket.WsContext;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.eclipse.jetty.websocket.api.WriteCallback;
import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.protocol.ErrorCode;
import uk.gov.council.cap.protocol.ProtocolCodec;
import uk.gov.council.cap.protocol.ProtocolException;
import uk.gov.council.cap.protocol.Sender;

/**
 * Serves the kiosk UI on loopback and the {@code /bridge} WebSocket its page talks through. Every
 * message from the page is validated here (the kiosk-side edge) before it goes to the server.
 */
public final class ScreenServer implements AutoCloseable {
    public static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; connect-src 'self' ws://127.0.0.1:* ws://localhost:*;"
                    + " img-src 'self' data:; media-src 'self' blob: mediastream:; frame-ancestors 'none'; base-uri 'none'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "Cache-Control", "no-store");

    /** Where valid messages from the page go; false when they cannot be delivered (kiosk offline). */
    public interface Outbound extends Predicate<String> {
    }

    private final ProtocolCodec codec;
    private final Javalin app;
    private final Set<WsContext> screens = ConcurrentHashMap.newKeySet();
    private volatile String greeting;

    public ScreenServer(ProtocolCodec codec, Outbound toServer) {
        this.codec = codec;
        this.app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/kiosk-ui";
                files.location = Location.CLASSPATH;
                files.headers = SECURITY_HEADERS;
            });
            c.staticFiles.enableWebjars();
            // A finger-drawn signature is sent as strokes; long signatures exceed Jetty's 64 KB default.
            c.jetty.modifyWebSocketServletFactory(f -> f.setMaxTextMessageSize(4L * 1024 * 1024));
        });
        app.before(ctx -> SECURITY_HEADERS.forEach(ctx::header));
        app.wsBeforeUpgrade("/bridge", ctx -> requireOwnPage(ctx.header("Origin")));
        app.ws("/bridge", ws -> {
            ws.onConnect(ctx -> {
                screens.add(ctx);
                String hello = greeting;
                if (hello != null) {
                    send(ctx, hello);
                }
            });
            ws.onMessage(ctx -> {
                try {
                    Envelope msg = codec.decode(ctx.message());
                    if (!msg.type().maySend(Sender.KIOSK)) {
                        send(ctx, codec.error(ErrorCode.FORBIDDEN, "The kiosk screen may not send " + msg.type().wireName() + ".", msg.id()));
                    } else if (!toServer.test(ctx.message())) {
                        send(ctx, codec.error(ErrorCode.CONFLICT, "This kiosk is offline at the moment; try again shortly.", msg.id()));
                    }
                } catch (ProtocolException e) {
                    send(ctx, codec.error(e));
                }
            });
            ws.onClose(screens::remove);
            ws.onError(screens::remove);
        });
    }

    private void requireOwnPage(String origin) {
        if (origin == null || !(origin.equals("http://127.0.0.1:" + app.port()) || origin.equals("http://localhost:" + app.port()))) {
            throw new io.javalin.http.ForbiddenResponse("Only the kiosk's own page may use the bridge.");
        }
    }

    /** Sends a photo the page captured on to the server; returns null when it was acknowledged, or words for people. */
    public interface PhotoRelay {
        String send(String photoId, byte[] jpeg) throws InterruptedException;
    }

    /**
     * {@code POST /devices/photos/{id}} (the kiosk's own page only): the page captured an ID photo from the call's
     * camera; kiosk-app uploads it with the kiosk's credentials, which the page never holds.
     */
    public ScreenServer relayPhotos(PhotoRelay relay) {
        app.post("/devices/photos/{id}", ctx -> {
            requireOwnPage(ctx.header("Origin"));
            byte[] jpeg = ctx.bodyInputStream().readNBytes(15 * 1024 * 1024 + 1);
            if (jpeg.length > 15 * 1024 * 1024) {
                ctx.status(413).json(java.util.Map.of("error", "The photo is too large."));
                return;
            }
            String problem = relay.send(ctx.pathParam("id"), jpeg);
            if (problem == null) {
                ctx.status(202).json(java.util.Map.of("sent", true));
            } else {
                ctx.status(502).json(java.util.Map.of("error", problem));
            }
        });
        return this;
    }

    public ScreenServer start(int port) {
        app.start("127.0.0.1", port);
        return this;
    }

    public int port() {
        return app.port();
    }

    public String url() {
        return "http://127.0.0.1:" + port() + "/";
    }

    /** How many pages are connected to the bridge (the JCEF window, or a test's browser). */
    public int connectedScreens() {
        return screens.size();
    }

    /** The {@code kiosk.link} message each screen gets on connecting, and now. */
    public void setLinkState(String kioskLinkMessage) {
        greeting = kioskLinkMessage;
        broadcast(kioskLinkMessage);
    }

    public void broadcast(String text) {
        for (WsContext ctx : screens) {
            send(ctx, text);
        }
    }

    private static void send(WsContext ctx, String text) {
        if (ctx.session.isOpen()) {
            ctx.session.getRemote().sendString(text, WriteCallback.NOOP);
        }
    }

    @Override
    public void close() {
        app.stop();
    }
}
