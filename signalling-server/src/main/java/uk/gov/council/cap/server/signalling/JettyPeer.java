package uk.gov.council.cap.server.signalling;

import io.javalin.websocket.WsContext;
import org.eclipse.jetty.websocket.api.WriteCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link Peer} over a Javalin (Jetty 11) WebSocket session, sending asynchronously. */
final class JettyPeer implements Peer {
    private static final Logger LOG = LoggerFactory.getLogger(JettyPeer.class);
    private final WsContext ctx;
    private final String label;

    JettyPeer(WsContext ctx, String label) {
        this.ctx = ctx;
        this.label = label;
    }

    @Override
    public void send(String text) {
        if (!ctx.session.isOpen()) {
            return;
        }
        ctx.session.getRemote().sendString(text, new WriteCallback() {
            @Override
            public void writeFailed(Throwable x) {
                LOG.debug("Send to {} failed: {}", label, x.toString());
            }
        });
    }

    @Override
    public void close(int code, String reason) {
        ctx.closeSession(code, reason);
    }

    @Override
    public void abort() {
        try {
            ctx.session.disconnect();
        } catch (Exception e) {
            LOG.debug("Disconnecting {} failed: {}", label, e.toString());
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
