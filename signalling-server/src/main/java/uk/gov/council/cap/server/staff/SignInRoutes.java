package uk.gov.council.cap.server.staff;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.db.Ids;
import uk.gov.council.cap.server.web.ApiError;

/**
 * {@code /api/session}: sign in, who am I, sign out. Someone whose second factor is on signs in
 * with their password and the code their app shows (docs/adr/0037-totp-second-factor.md); a wrong
 * code counts exactly as a wrong password does.
 */
public final class SignInRoutes {
  /**
   * A password may be 128 characters (ASVS 2.1.2); each may take two UTF-16 units (an emoji), so a
   * longer one cannot be anyone's and is refused before it is hashed.
   */
  private static final int MAX_PASSWORD_UTF16 = 256;

  private final StaffRepository staff;
  private final SessionStore sessions;
  private final AuditLog audit;
  private final SignInThrottle throttle;
  private final SessionStart start;
  private final TotpRepository factors;
  private final Totp totp;
  private final TotpPolicy policy;
  private final Ids ids;

  /** Who the codes are for, as the authenticator app shows it. */
  private final String issuer;

  public SignInRoutes(
      StaffRepository staff,
      SessionStore sessions,
      AuditLog audit,
      SignInThrottle throttle,
      SessionStart start,
      TotpRepository factors,
      Totp totp,
      TotpPolicy policy,
      Ids ids,
      String issuer) {
    this.factors = factors;
    this.totp = totp;
    this.policy = policy;
    this.ids = ids;
    this.issuer = issuer;
    this.staff = staff;
    this.throttle = throttle;
    this.sessions = sessions;
    this.audit = audit;
    this.start = start;
  }

  /** {@code code}: the one-time code, for someone whose second factor is on. */
  public record SignIn(String username, String password, String code) {}

  public void register(Javalin app) {
    app.post("/api/session", this::signIn, Access.PUBLIC);
    // Open because it comes before any session: someone whose role must use two-step verification
    // gets no session until it is set up. It asks for the password and checks it as sign-in does.
    app.post("/api/session/totp-setup", this::setUp, Access.PUBLIC);
    app.get("/api/session", this::current, Role.values());
    app.delete("/api/session", this::signOut, Role.values());
  }

  private void signIn(Context ctx) {
    SignIn body = ctx.bodyAsClass(SignIn.class);
    String code = codeOf(body);
    StaffMember member = passwordChecked(ctx, body, code);
    String address = ctx.ip();
    Optional<TotpRepository.Factor> factor = factors.find(member.id());
    boolean on = factor.map(TotpRepository.Factor::on).orElse(false);
    if (!on && !policy.requires(member.role())) {
      throttle.succeeded(body.username(), address);
      ctx.json(start.begin(ctx, member, "password"));
      return;
    }
    // The password was right, but that alone is not a sign-in: no session, and the address is not
    // yet one this person is known to sign in from (which would spare it the account-wide wait).
    String ask = "codeRequired";
    if (!on) {
      ask = "setUpRequired";
      if (code.isEmpty() || factor.isEmpty()) {
        String setUp =
            "Your role must use two-step verification. Set up an authenticator app to sign in.";
        ctx.status(401).json(Map.of("error", setUp, ask, true));
        return;
      }
    } else if (code.isEmpty()) {
      String enter = "Enter the 6-digit code from your authenticator app";
      ctx.status(401).json(Map.of("error", enter, ask, true, "details", Map.of("code", enter)));
      return;
    }
    OptionalLong step = totp.match(factor.get().secret(), code);
    boolean accepted =
        step.isPresent()
            && (on
                ? factors.use(member.id(), step.getAsLong())
                : factors.confirm(member.id(), step.getAsLong()));
    if (!accepted) {
      throttle.failed(body.username(), address);
      audit.record(
          "anonymous",
          "staff.sign_in_failed",
          null,
          member.auditName(),
          "wrong code, remote=" + address);
      String wrong =
          "The code is not right, or was used already. Enter the code your app shows now.";
      ctx.status(401).json(Map.of("error", wrong, ask, true, "details", Map.of("code", wrong)));
      return;
    }
    if (!on) {
      audit.record(member.auditName(), "staff.totp_on", null, member.auditName(), "at sign-in");
    }
    throttle.succeeded(body.username(), address);
    ctx.json(start.begin(ctx, member, "password+totp"));
  }

  /**
   * For someone whose role must use two-step verification and who has not set it up: their password
   * again (checked and throttled as at sign-in) gives a new secret to put in their app, and the QR
   * code for it. No session: signing in then takes the password and a code from the app.
   */
  private void setUp(Context ctx) {
    SignIn body = ctx.bodyAsClass(SignIn.class);
    StaffMember member = passwordChecked(ctx, body, "");
    if (!policy.requires(member.role()) || factors.isOn(member.id())) {
      throw new ApiError(409, "Sign in, then set up two-step verification from your account.");
    }
    byte[] secret = ids.randomBytes(Totp.SECRET_BYTES);
    factors.begin(member.id(), secret);
    audit.record(
        member.auditName(), "staff.totp_setup_started", null, member.auditName(), "at sign-in");
    ctx.header("Cache-Control", "no-store");
    ctx.json(
        Map.of(
            "secret",
            TotpRoutes.grouped(Totp.base32(secret)),
            "qrSvg",
            TotpRoutes.svg(Totp.keyUri(issuer, member.username(), secret))));
  }

  private static String codeOf(SignIn body) {
    return body.code() == null ? "" : body.code().replaceAll("\\s", "");
  }

  /** The member whose password this is; every refusal, wait and failure as ADR 0032 says. */
  private StaffMember passwordChecked(Context ctx, SignIn body, String code) {
    if (body.username() == null || body.username().isBlank()) {
      throw new ApiError(400, "Enter your username", Map.of("username", "Enter your username"));
    }
    if (body.password() == null || body.password().isEmpty()) {
      throw new ApiError(400, "Enter your password", Map.of("password", "Enter your password"));
    }
    if (body.username().length() > 64
        || body.password().length() > MAX_PASSWORD_UTF16
        || code.length() > 12) {
      throw new ApiError(401, "Username or password is incorrect");
    }
    String address = ctx.ip();
    Optional<Duration> wait = throttle.waitBefore(body.username(), address);
    if (wait.isPresent()) {
      // Refused before the password is checked: a guesser's extra tries cost us almost nothing. Not
      // audited one by one, or the guesser would fill the audit log instead.
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      ctx.header("Retry-After", Long.toString(seconds));
      throw new ApiError(
          429,
          "Too many wrong "
              + (code.isEmpty() ? "passwords" : "codes")
              + ". Wait "
              + inWords(seconds)
              + " and try again.");
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
    return member;
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
