package uk.gov.council.cap.server.signalling;

import io.javalin.security.RouteRole;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import uk.gov.council.cap.protocol.MessageType;
import uk.gov.council.cap.server.staff.Access;
import uk.gov.council.cap.server.staff.Role;

/**
 * Who may send each message type to the server: {@link Access#KIOSK} on the kiosk socket, staff
 * {@link Role}s on the console socket. The socket endpoints refuse anything else with a {@code
 * forbidden} error before the call desk sees it, and the route × role matrix test sends every type
 * as every caller against this table.
 *
 * <p>The switch has no default on purpose: a new message type does not compile until someone
 * decides here who may send it. The protocol's own sender list ({@link MessageType#maySend}) says
 * who may put a type on the wire anywhere (kiosk-app's loopback link to its screen included); this
 * table is narrower: what the server accepts.
 */
public final class SocketAccess {
  private static final Set<RouteRole> KIOSK = Set.of(Access.KIOSK);
  private static final Set<RouteRole> CALL_TAKERS = callTakers();
  private static final Set<RouteRole> CALL_PARTIES = union(KIOSK, CALL_TAKERS);
  private static final Set<RouteRole> ANYONE_CONNECTED = union(KIOSK, Set.of(Role.values()));

  private SocketAccess() {}

  public static Set<RouteRole> whoMaySend(MessageType type) {
    return switch (type) {
      case CALL_REQUEST,
          CALL_CANCEL,
          CALL_SCREEN_LOST,
          CALL_REJOIN,
          FORM_PROGRESS,
          FORM_SIGN,
          PAYMENT_PAY,
          PAYMENT_CANCEL,
          PAYMENT_TEST_CARD,
          PAYMENT_EMAIL_RECEIPT,
          SCAN_CAPTURED,
          SCAN_FAILED,
          PRINT_DONE,
          SURVEY_ANSWER,
          CALL_ASSIST,
          SUMMARY_PRINT,
          SUMMARY_EMAIL,
          KIOSK_HEARTBEAT,
          KIOSK_COMMAND_DONE,
          CALL_RECALL,
          CALLBACK_SLOTS,
          CALLBACK_REQUEST ->
          KIOSK;
      case ADVISOR_STATUS, CALL_ACCEPT, CALL_DECLINE, CALL_PARK -> CALL_TAKERS;
      case CALL_HANGUP, RTC_SIGNAL, CALL_MEDIA, CALL_TEXT, FORM_ANSWER -> CALL_PARTIES;
      // Every connected socket answers the server's liveness ping, whatever its role.
      case LINK_PONG -> ANYONE_CONNECTED;
      // The kiosk screen's request to kiosk-app, and kiosk-app's loopback link: never sent to the
      // server.
      case SCAN_CAPTURE, KIOSK_LINK, SCAN_PROGRESS -> Set.of();
      // The server's own messages.
      case LINK_PING,
          KIOSK_CONFIG,
          KIOSK_COMMAND,
          CALL_QUEUED,
          CALL_UNAVAILABLE,
          ADVISOR_STATE,
          QUEUE_SNAPSHOT,
          CALL_OFFER,
          CALL_OFFER_WITHDRAWN,
          CALL_CONNECTED,
          CALL_ENDED,
          CALL_PAUSED,
          CALL_PARKED,
          FORM_OPENED,
          FORM_UPDATED,
          FORM_SIGNED,
          FORM_COMPLETED,
          FORM_REJECTED,
          FORM_CLOSED,
          PAYMENT_UPDATED,
          PAYMENT_RECEIPT_EMAILED,
          SCAN_REQUESTED,
          SCAN_UPDATED,
          PHOTO_REQUESTED,
          PHOTO_UPDATED,
          PRINT_REQUESTED,
          SURVEY_ASK,
          CALL_SUMMARY,
          SUMMARY_SENT,
          PRINT_UPDATED,
          CALLBACK_BOOKED,
          CALLBACK_REFUSED,
          ERROR ->
          Set.of();
    };
  }

  public static boolean maySend(RouteRole principal, MessageType type) {
    return whoMaySend(type).contains(principal);
  }

  private static Set<RouteRole> callTakers() {
    Set<RouteRole> roles = new HashSet<>();
    EnumSet.allOf(Role.class).stream().filter(Role::takesCalls).forEach(roles::add);
    return Set.copyOf(roles);
  }

  private static Set<RouteRole> union(Set<RouteRole> a, Set<RouteRole> b) {
    Set<RouteRole> all = new HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }
}
