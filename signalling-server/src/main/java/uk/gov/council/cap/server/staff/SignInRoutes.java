package uk.gov.council.cap.server.staff;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.web.ApiError;

/** {@code /api/session}: sign in, who am I, sign out. */
public final class SignInRoutes {
  private final StaffRepository staff;
  private final SessionStore sessions;
  private final AuditLog audit;
  private final SignInThrottle throttle;
  private final SessionStart start;

  public SignInRoutes(
      StaffRepository staff,
      SessionStore sessions,
      AuditLog audit,
      SignInThrottle throttle,
      SessionStart start) {
    this.staff = staff;
    this.throttle = throttle;
    this.sessions = sessions;
    this.audit = audit;
    this.start = start;
  }

  public record SignIn(String username, String password) {}

  public void register(Javalin app) {
    app.post("/api/session", this::signIn, Access.PUBLIC);
    app.get("/api/session", this::current, Role.values());
    app.delete("/api/session", this::signOut, Role.values());
  }

  private void signIn(Context ctx) {
    SignIn body = ctx.bodyAsClass(SignIn.class);
    if (body.username() == null || body.username().isBlank()) {
      throw new ApiError(400, "Enter your username", Map.of("username", "Enter your username"));
    }
    if (body.password() == null || body.password().isEmpty()) {
      throw new ApiError(400, "Enter your password", Map.of("password", "Enter your password"));
    }
    if (body.username().length() > 64 || body.password().length() > 200) {
      throw new ApiError(401, "Username or password is incorrect");
    }
    String address = ctx.ip();
    Optional<Duration> wait = throttle.waitBefore(body.username(), address);
    if (wait.isPresent()) {
      // Refused before the password is checked: a guesser's extra tries cost us almost nothing. Not
      // audited
      // one by one, or the guesser would fill the audit log instead.
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      ctx.header("Retry-After", Long.toString(seconds));
      throw new ApiError(
          429, "Too many wrong passwords. Wait " + inWords(seconds) + " and try again.");
    }
    SignInThrottle.Check check =
        throttle
            .tryStartCheck(body.username(), address)
            .orElseThrow(
                () -> {
                  ctx.header("Retry-After", "2");
                  return new ApiError(
                      429,
                      "Too many people are signing in at once. Wait a few seconds and try again.");
                });
    StaffMember member;
    try {
      member = staff.authenticate(body.username().trim(), body.password()).orElse(null);
    } finally {
      throttle.endCheck(check);
    }
    if (member == null) {
      throttle.failed(body.username(), address);
      audit.record(
          "anonymous",
          "staff.sign_in_failed",
          null,
          "staff:" + body.username().trim(),
          "remote=" + address);
      throw new ApiError(401, "Username or password is incorrect");
    }
    throttle.succeeded(body.username(), address);
    ctx.json(start.begin(ctx, member, "password"));
  }

  private void current(Context ctx) {
    SessionStore.Session s = sessions.find(ctx.cookie(StaffAuth.COOKIE)).orElseThrow();
    ctx.json(SessionStart.body(s.staff(), s.csrfToken()));
  }

  private void signOut(Context ctx) {
    StaffMember member = StaffAuth.staff(ctx);
    sessions.close(ctx.cookie(StaffAuth.COOKIE));
    start.clearCookie(ctx);
    audit.record(member.auditName(), "staff.signed_out", null, member.auditName(), null);
    ctx.status(204);
  }

  static String inWords(long seconds) {
    if (seconds < 60) {
      return seconds == 1 ? "1 second" : seconds + " seconds";
    }
    long minutes = (seconds + 59) / 60;
    return minutes == 1 ? "1 minute" : minutes + " minutes";
  }
}
