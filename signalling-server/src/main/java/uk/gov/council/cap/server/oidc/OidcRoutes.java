package uk.gov.council.cap.server.oidc;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.staff.Access;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.SessionStart;
import uk.gov.council.cap.server.staff.StaffRepository;
import uk.gov.council.cap.server.web.ApiError;

/**
 * Council sign-in over HTTP: {@code GET /api/oidc} tells the sign-in page whether to offer it,
 * {@code GET /auth/oidc/start} sends the browser to the council's provider, and {@code GET
 * /auth/oidc/callback} is where the provider sends it back. All three are open to anyone: they are
 * how someone not yet signed in becomes signed in. A refusal goes back to the sign-in page with a
 * fixed code ({@link Refusal}), which the page turns into words.
 */
public final class OidcRoutes {
  /**
   * Carries the state from start to callback on this browser only. SameSite=Lax, not Strict: the
   * callback is a top-level navigation from the provider's site, and a Strict cookie would not come
   * with it. Scoped to the callback's path and gone within the pending sign-in's lifetime.
   */
  static final String STATE_COOKIE = "cap_oidc_state";

  private static final int MAX_PARAMETER = 4096;

  private final ServerConfig.Oidc config;
  private final Optional<CouncilSignIn> signIn;
  private final SessionStart sessions;
  private final boolean secureCookies;

  public OidcRoutes(
      ServerConfig config,
      Jdbi jdbi,
      Clock clock,
      StaffRepository staff,
      AuditLog audit,
      SessionStart sessions) {
    this.config = config.oidc();
    this.sessions = sessions;
    this.secureCookies = config.secureCookies();
    this.signIn =
        this.config.enabled()
            ? Optional.of(
                new CouncilSignIn(
                    this.config,
                    new Provider(this.config, clock),
                    new PendingLogins(jdbi, clock, this.config.pendingFor()),
                    new StaffIdentities(jdbi, clock),
                    staff,
                    audit))
            : Optional.empty();
  }

  public void register(Javalin app) {
    // The sign-in page asks whether to show the council's button (and the password form).
    app.get("/api/oidc", this::about, Access.PUBLIC);
    app.get("/auth/oidc/start", this::start, Access.PUBLIC);
    app.get("/auth/oidc/callback", this::callback, Access.PUBLIC);
    app.before("/auth/oidc/*", ctx -> ctx.header("Cache-Control", "no-store"));
    if (!config.localPasswords()) {
      // Council accounts only: a password is refused before it is checked, so no password here
      // can be guessed either.
      app.before(
          "/api/session",
          ctx -> {
            if (ctx.method() == io.javalin.http.HandlerType.POST) {
              throw new ApiError(403, "Sign in with your council account.");
            }
          });
    }
  }

  private void about(Context ctx) {
    ctx.json(
        Map.of(
            "enabled",
            config.enabled(),
            "label",
            config.buttonLabel(),
            "localPasswords",
            config.localPasswords()));
  }

  private void start(Context ctx) {
    if (signIn.isEmpty()) {
      refuse(ctx, Refusal.OFF);
      return;
    }
    CouncilSignIn.Started started;
    try {
      started = signIn.get().start();
    } catch (Provider.Failure f) {
      refuse(ctx, f.refusal);
      return;
    }
    ctx.header("Set-Cookie", stateCookie(started.state(), config.pendingFor().toSeconds()));
    ctx.redirect(started.redirectTo().toString(), HttpStatus.FOUND);
  }

  private void callback(Context ctx) {
    if (signIn.isEmpty()) {
      refuse(ctx, Refusal.OFF);
      return;
    }
    String state = parameter(ctx, "state");
    String code = parameter(ctx, "code");
    String error = parameter(ctx, "error");
    // Used once: whatever comes of this callback, the browser's state goes.
    ctx.header("Set-Cookie", stateCookie("", 0));
    CouncilSignIn.Outcome outcome =
        signIn.get().finish(ctx.cookie(STATE_COOKIE), state, code, error, ctx.ip());
    if (outcome instanceof CouncilSignIn.Outcome.Refused r) {
      refuse(ctx, r.reason());
      return;
    }
    var member = ((CouncilSignIn.Outcome.SignedIn) outcome).member();
    sessions.begin(ctx, member, "oidc");
    ctx.redirect(homeOf(member.role()), HttpStatus.FOUND);
  }

  /** The same first page as the sign-in page's own choice (advisor-console's sign-in.js). */
  static String homeOf(Role role) {
    return role == Role.TECHNICIAN || role == Role.ADMIN ? "/fleet.html" : "/console.html";
  }

  private static String parameter(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return v == null || v.length() > MAX_PARAMETER ? null : v;
  }

  private void refuse(Context ctx, Refusal reason) {
    ctx.redirect("/index.html?oidc=" + reason.code(), HttpStatus.FOUND);
  }

  private String stateCookie(String value, long maxAgeSeconds) {
    return STATE_COOKIE
        + "="
        + value
        + "; Path=/auth/oidc; HttpOnly; SameSite=Lax; Max-Age="
        + maxAgeSeconds
        + (secureCookies ? "; Secure" : "");
  }
}
