package uk.gov.council.cap.server.staff;

/**
 * Why a staff session ended while the console may still be open. Each reason travels as the
 * WebSocket close reason under one close code, {@link #CLOSE_CODE}, which tells the console "go
 * back to sign-in, do not reconnect", and the reason is the sentence the sign-in page shows. Close
 * reasons are limited to 123 bytes, so these stay short.
 */
public enum SessionEnd {
  SIGNED_OUT("Your session has ended. Sign in again."),
  EXPIRED("Your session has expired. Sign in again."),
  DISABLED("Your account has been turned off. Ask an administrator if you need it back."),
  ROLE_CHANGED("Your role has changed. Sign in again to carry on."),
  PASSWORD_SET("Your password has been changed. Sign in with the new one.");

  /** In the 4000-4999 range the WebSocket standard leaves to applications; 4401 echoes HTTP 401. */
  public static final int CLOSE_CODE = 4401;

  private final String reason;

  SessionEnd(String reason) {
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
