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

  /**
   * Set when the server decides to close: from then on nothing more is sent, even before the socket
   * has shut.
   */
  private volatile boolean closing;

  JettyPeer(WsContext ctx, String label) {
    this.ctx = ctx;
    this.label = label;
  }

  @Override
  public void send(String text) {
    if (closing || !ctx.session.isOpen()) {
      return;
    }
    ctx.session
        .getRemote()
        .sendString(
            text,
            new WriteCallback() {
              @Override
              public void writeFailed(Throwable x) {
                LOG.debug("Send to {} failed: {}", label, x.toString());
              }
            });
  }

  @Override
  public void close(int code, String reason) {
    closing = true;
    ctx.closeSession(code, reason);
  }

  @Override
  public void abort() {
    closing = true;
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
