package uk.gov.council.cap.server.staff;

import io.javalin.security.RouteRole;

/**
 * Who may use a route besides the staff {@link Role}s. Every HTTP route and WebSocket endpoint
 * declares its users (a route with none stops the server starting, {@link RouteDeclarations}), so
 * "open to anyone" is a decision made in writing, never the default of a forgotten argument.
 */
public enum Access implements RouteRole {
  /**
   * Anyone, signed in or not: sign-in itself, health, enrolment with its one-time token, Stripe's
   * signed webhook.
   */
  PUBLIC,
  /** An enrolled, unrevoked kiosk, by its {@code Authorization: Kiosk <id>:<secret>} header. */
  KIOSK
}
