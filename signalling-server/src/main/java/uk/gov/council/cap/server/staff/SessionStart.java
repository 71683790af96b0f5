package uk.gov.council.cap.server.staff;

import io.javalin.http.Context;
import java.util.Map;
import uk.gov.council.cap.server.audit.AuditLog;

/**
 * The one way a member of staff becomes signed in, whatever proved who they are (a password, a
 * password and a one-time code, the council's identity provider): a new session in the database,
 * its cookie, and the audit line naming how they signed in. Signing out clears the same cookie.
 */
public final class SessionStart {
  private final SessionStore sessions;
  private final StaffRepository staff;
  private final AuditLog audit;
  private final boolean secureCookies;
  private final long cookieMaxAgeSeconds;

  public SessionStart(
      SessionStore sessions,
      StaffRepository staff,
      AuditLog audit,
      boolean secureCookies,
      long cookieMaxAgeSeconds) {
    this.sessions = sessions;
    this.staff = staff;
    this.audit = audit;
    this.secureCookies = secureCookies;
    this.cookieMaxAgeSeconds = cookieMaxAgeSeconds;
  }

  /**
   * Signs {@code member} in on this browser and says so in the audit log ({@code how}: "password",
   * "password+totp", "oidc"...). Returns what the console keeps about who is signed in.
   */
  public Map<String, Object> begin(Context ctx, StaffMember member, String how) {
    SessionStore.Issued issued = sessions.open(member);
    staff.recordSignIn(member.id(), how);
    ctx.header("Set-Cookie", cookie(issued.token(), cookieMaxAgeSeconds));
    audit.record(member.auditName(), "staff.signed_in", null, member.auditName(), "by " + how);
    return body(member, issued.csrfToken());
  }

  /** Removes the session cookie from this browser. */
  public void clearCookie(Context ctx) {
    ctx.header("Set-Cookie", cookie("", 0));
  }

  private String cookie(String value, long maxAge) {
    return StaffAuth.COOKIE
        + "="
        + value
        + "; Path=/; HttpOnly; SameSite=Strict; Max-Age="
        + maxAge
        + (secureCookies ? "; Secure" : "");
  }

  static Map<String, Object> body(StaffMember m, String csrf) {
    return Map.of(
        "user",
        Map.of(
            "id",
            m.id(),
            "username",
            m.username(),
            "displayName",
            m.displayName(),
            "role",
            m.role().name(),
            "themes",
            m.themes(),
            "sites",
            m.sites(),
            "languages",
            m.languages()),
        "csrfToken",
        csrf);
  }
}
