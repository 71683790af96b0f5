package uk.gov.council.cap.server.signalling;

import io.javalin.Javalin;
import io.javalin.security.RouteRole;
import io.javalin.websocket.WsConfig;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.council.cap.protocol.Envelope;
import uk.gov.council.cap.protocol.ErrorCode;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.protocol.ProtocolCodec;
import uk.gov.council.cap.protocol.ProtocolException;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.kiosks.Kiosk;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.staff.Access;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.SessionEnd;
import uk.gov.council.cap.server.staff.SessionStore;
import uk.gov.council.cap.server.staff.StaffAuth;
import uk.gov.council.cap.server.staff.StaffMember;
import uk.gov.council.cap.server.web.ApiError;

/**
 * The two WebSocket endpoints. This is the protocol's edge: each frame is decoded and validated
 * here, the sender's right to send its type is checked, and only then does the call desk see it. A
 * bad frame gets an {@code error} reply and the connection stays open.
 */
public final class SocketEndpoints {
  private static final Logger LOG = LoggerFactory.getLogger(SocketEndpoints.class);
  private static final int POLICY_VIOLATION = 1008;

  private final ProtocolCodec codec;
  private final List<KioskSocketHandler> kioskHandlers;
  private final StaffSocketHandler advisors;
  private final KioskRepository kiosks;
  private final SessionStore sessions;
  private final AuditLog audit;
  private final Liveness liveness;
  private final SessionGuard guard;
  private final Map<String, Connection> connections = new ConcurrentHashMap<>();

  /** Who is on a connection, decided once at connect. */
  private sealed interface Connection permits KioskConnection, StaffConnection {
    Peer peer();
  }

  private record KioskConnection(Kiosk kiosk, Peer peer) implements Connection {}

  private record StaffConnection(StaffMember staff, Peer peer) implements Connection {}

  public SocketEndpoints(
      ProtocolCodec codec,
      List<KioskSocketHandler> kioskHandlers,
      StaffSocketHandler advisors,
      KioskRepository kiosks,
      SessionStore sessions,
      AuditLog audit,
      Liveness liveness,
      SessionGuard guard) {
    this.guard = guard;
    this.kioskHandlers = List.copyOf(kioskHandlers);
    this.liveness = liveness;
    this.codec = codec;
    this.advisors = advisors;
    this.kiosks = kiosks;
    this.sessions = sessions;
    this.audit = audit;
  }

  public void register(Javalin app) {
    app.wsBeforeUpgrade(
        "/ws/kiosk",
        ctx -> {
          if (kioskOf(ctx.header("Authorization")).isEmpty()) {
            refuseKiosk(ctx.header("Authorization"), ctx.ip());
          }
        });
    app.wsBeforeUpgrade(
        "/ws/console",
        ctx -> {
          if (!sameOrigin(ctx.header("Origin"), ctx.header("Host"))) {
            throw new ApiError(403, "WebSocket connections must come from the console page.");
          }
          if (sessions.find(ctx.cookie(StaffAuth.COOKIE)).isEmpty()) {
            throw new ApiError(401, "Sign in first.");
          }
        });
    app.ws("/ws/kiosk", this::kioskEndpoint, Access.KIOSK);
    app.ws("/ws/console", this::consoleEndpoint, Role.values());
  }

  private void kioskEndpoint(WsConfig ws) {
    ws.onConnect(
        ctx -> {
          Optional<Kiosk> kiosk = kioskOf(ctx.header("Authorization"));
          if (kiosk.isEmpty()) {
            ctx.closeSession(POLICY_VIOLATION, "Kiosk credentials were not accepted.");
            return;
          }
          Peer peer = new JettyPeer(ctx, kiosk.get().auditName());
          String id = ctx.sessionId();
          connections.put(id, new KioskConnection(kiosk.get(), peer));
          liveness.watch(
              id,
              peer,
              lastHeard -> {
                if (connections.remove(id) instanceof KioskConnection c) {
                  kioskHandlers.forEach(h -> h.kioskDisconnected(c.kiosk(), c.peer(), lastHeard));
                }
                peer.abort();
              });
          kioskHandlers.forEach(h -> h.kioskConnected(kiosk.get(), peer));
        });
    ws.onMessage(
        ctx -> {
          liveness.heard(ctx.sessionId());
          if (connections.get(ctx.sessionId()) instanceof KioskConnection c) {
            decode(ctx.message(), Access.KIOSK, c.peer())
                .ifPresent(
                    msg -> {
                      if (msg.type() == MessageType.LINK_PONG) {
                        return;
                      }
                      kioskHandlers.stream()
                          .filter(h -> h.takesFromKiosk(msg.type()))
                          .findFirst()
                          .ifPresent(h -> h.fromKiosk(c.kiosk(), c.peer(), msg));
                    });
          }
        });
    ws.onClose(
        ctx -> {
          liveness.forget(ctx.sessionId());
          if (connections.remove(ctx.sessionId()) instanceof KioskConnection c) {
            kioskHandlers.forEach(h -> h.kioskDisconnected(c.kiosk(), c.peer(), null));
          }
        });
    ws.onError(ctx -> LOG.debug("Kiosk socket error: {}", String.valueOf(ctx.error())));
  }

  private void consoleEndpoint(WsConfig ws) {
    ws.onConnect(
        ctx -> {
          Optional<SessionStore.Session> session = sessions.find(ctx.cookie(StaffAuth.COOKIE));
          if (session.isEmpty()) {
            ctx.closeSession(POLICY_VIOLATION, "Sign in first.");
            return;
          }
          StaffMember staff = session.get().staff();
          Peer peer = new JettyPeer(ctx, staff.auditName());
          String id = ctx.sessionId();
          connections.put(id, new StaffConnection(staff, peer));
          guard.watch(id, session.get(), why -> sessionEnded(id, why));
          liveness.watch(
              id,
              peer,
              lastHeard -> {
                guard.forget(id);
                if (connections.remove(id) instanceof StaffConnection c
                    && c.staff().role().takesCalls()) {
                  advisors.advisorDisconnected(c.staff(), c.peer(), lastHeard);
                }
                peer.abort();
              });
          if (staff.role().takesCalls()) {
            advisors.advisorConnected(staff, peer);
          }
        });
    ws.onMessage(
        ctx -> {
          liveness.heard(ctx.sessionId());
          if (connections.get(ctx.sessionId()) instanceof StaffConnection c
              && !guard.ended(ctx.sessionId())) {
            Optional<Envelope> msg = decode(ctx.message(), c.staff().role(), c.peer());
            if (msg.isEmpty() || msg.get().type() == MessageType.LINK_PONG) {
              return;
            }
            advisors.fromAdvisor(c.staff(), c.peer(), msg.get());
          }
        });
    ws.onClose(
        ctx -> {
          liveness.forget(ctx.sessionId());
          guard.forget(ctx.sessionId());
          if (connections.remove(ctx.sessionId()) instanceof StaffConnection c
              && c.staff().role().takesCalls()) {
            advisors.advisorDisconnected(c.staff(), c.peer(), null);
          }
        });
    ws.onError(ctx -> LOG.debug("Console socket error: {}", String.valueOf(ctx.error())));
  }

  /**
   * The session behind a console socket has ended (sign-out, expiry, account turned off, new role).
   * The connection is forgotten first, so nothing more it sends reaches the call desk; the desk is
   * told the advisor has gone, so no more calls are offered to them; then the socket is closed with
   * a code the console treats as "sign in again" rather than "reconnect".
   */
  private void sessionEnded(String connectionId, SessionEnd why) {
    if (connections.remove(connectionId) instanceof StaffConnection c) {
      liveness.forget(connectionId);
      if (c.staff().role().takesCalls()) {
        advisors.advisorSessionEnded(c.staff(), c.peer(), why);
      }
      c.peer().close(SessionEnd.CLOSE_CODE, why.reason());
    }
  }

  /**
   * Validates a frame and the sender's right to send its type ({@link SocketAccess}); replies with
   * an error otherwise.
   */
  private Optional<Envelope> decode(String text, RouteRole principal, Peer peer) {
    try {
      Envelope msg = codec.decode(text);
      if (!SocketAccess.maySend(principal, msg.type())) {
        peer.send(codec.error(ErrorCode.FORBIDDEN, refusal(principal, msg.type()), msg.id()));
        return Optional.empty();
      }
      return Optional.of(msg);
    } catch (ProtocolException e) {
      peer.send(codec.error(e));
      return Optional.empty();
    }
  }

  private static String refusal(RouteRole principal, MessageType type) {
    if (principal instanceof Role role
        && SocketAccess.whoMaySend(type).stream().anyMatch(r -> r instanceof Role)) {
      return "Your role (" + role.name().toLowerCase() + ") does not take calls.";
    }
    return (principal == Access.KIOSK ? "A kiosk" : "The console")
        + " may not send "
        + type.wireName()
        + ".";
  }

  /**
   * Refuses a kiosk connection, and says in the audit whether it was a revoked kiosk coming back,
   * or credentials that do not match the kiosk they name (a copied identity, a guessed secret), or
   * nothing a kiosk would send.
   */
  private void refuseKiosk(String authorization, String remote) {
    String claimed = KioskRepository.claimedKioskId(authorization);
    if (claimed != null && kiosks.isRevoked(claimed)) {
      audit.record("kiosk:" + claimed, "kiosk.revoked_refused", null, claimed, "remote=" + remote);
      throw new ApiError(401, "This kiosk has been revoked. A technician must enrol it again.");
    }
    audit.record(
        "anonymous",
        "kiosk.auth_failed",
        null,
        claimed,
        (claimed == null ? "no kiosk credentials" : "wrong secret for kiosk " + claimed)
            + "; remote="
            + remote);
    throw new ApiError(401, "Kiosk credentials were not accepted.");
  }

  private Optional<Kiosk> kioskOf(String authorization) {
    return kiosks.fromAuthorizationHeader(authorization);
  }

  /** Cross-site WebSocket hijacking defence: the page opening the socket must be our own. */
  static boolean sameOrigin(String origin, String host) {
    if (origin == null || host == null) {
      return false;
    }
    try {
      URI o = URI.create(origin);
      String originHost = o.getHost() + (o.getPort() == -1 ? "" : ":" + o.getPort());
      return originHost.equalsIgnoreCase(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
