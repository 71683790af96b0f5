package uk.gov.council.cap.server.staff;

import io.javalin.security.RouteRole;

/** Staff roles; every HTTP route and WebSocket message names the roles that may use it. */
public enum Role implements RouteRole {
  ADVISOR,
  SUPERVISOR,
  TECHNICIAN,
  ADMIN;

  /** Roles that take calls. */
  public boolean takesCalls() {
    return this == ADVISOR || this == SUPERVISOR;
  }
}
