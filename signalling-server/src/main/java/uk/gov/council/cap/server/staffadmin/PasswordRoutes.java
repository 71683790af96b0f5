package uk.gov.council.cap.server.staffadmin;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.staff.Access;
import uk.gov.council.cap.server.staff.StaffAccount;
import uk.gov.council.cap.server.staff.StaffMember;
import uk.gov.council.cap.server.staff.StaffRepository;
import uk.gov.council.cap.server.web.ApiError;
import uk.gov.council.cap.server.web.SlidingWindow;

/**
 * {@code /api/password}: the one-time link's page, open to anyone holding a link. It checks the
 * link (so the page can say at once that it no longer works, and offer the username to a password
 * manager) and sets the password, once. A wrong, used or expired link gets one plain message that
 * does not say which; an address that keeps trying wrong links is told to wait.
 */
final class PasswordRoutes {
  static final String COUNCIL_ACCOUNT =
      "You sign in with your council account, so you cannot set a password here. Use \"Sign in"
          + " with your council account\" on the sign-in page.";

  static final String LINK_DOES_NOT_WORK =
      "This link does not work. It may have been used already or have expired. Ask an"
          + " administrator for a new one.";
  // Longer than any allowed password, so the rules can name the limit; beyond it, nothing is read.
  private static final int PASSWORD_READ_MAX = 1024;

  private final PasswordLinks links;
  private final StaffRepository staff;
  private final AuditLog audit;
  private final SlidingWindow wrongLinks;

  PasswordRoutes(
      PasswordLinks links, StaffRepository staff, AuditLog audit, SlidingWindow wrongLinks) {
    this.links = links;
    this.staff = staff;
    this.audit = audit;
    this.wrongLinks = wrongLinks;
  }

  record LinkCheck(String token) {}

  record NewPassword(String token, String password) {}

  void register(Javalin app) {
    app.post("/api/password/check", this::check, Access.PUBLIC);
    app.post("/api/password", this::set, Access.PUBLIC);
  }

  private void check(Context ctx) {
    StaffMember member = ownerOf(ctx, ctx.bodyAsClass(LinkCheck.class).token());
    refuseCouncilAccount(member);
    ctx.json(Map.of("username", member.username(), "displayName", member.displayName()));
  }

  private void set(Context ctx) {
    NewPassword body = ctx.bodyAsClass(NewPassword.class);
    StaffMember member = ownerOf(ctx, body.token());
    refuseCouncilAccount(member);
    String password = body.password();
    if (password != null && password.length() > PASSWORD_READ_MAX) {
      password = password.substring(0, PASSWORD_READ_MAX);
    }
    Optional<String> problem = PasswordRules.problem(password, member.username());
    if (problem.isPresent()) {
      throw new ApiError(400, problem.get(), Map.of("password", problem.get()));
    }
    if (!links.use(body.token())) {
      // Someone used it a moment ago, or it expired while the page was open.
      throw new ApiError(400, LINK_DOES_NOT_WORK);
    }
    if (!staff.setPassword(member.id(), password)) {
      // Became a council account between the check above and now.
      throw new ApiError(400, COUNCIL_ACCOUNT);
    }
    audit.record(
        member.auditName(),
        "staff.password_set",
        null,
        member.auditName(),
        "by one-time link; remote=" + ctx.ip());
    ctx.status(204);
  }

  /**
   * A link made before its owner first signed in with their council account: that account has no
   * password here any more, and gets none.
   */
  private void refuseCouncilAccount(StaffMember member) {
    if (staff.account(member.id()).map(StaffAccount::councilSignIn).orElse(false)) {
      throw new ApiError(400, COUNCIL_ACCOUNT);
    }
  }

  private StaffMember ownerOf(Context ctx, String token) {
    String address = ctx.ip();
    if (!wrongLinks.hasRoom(address)) {
      ctx.header("Retry-After", "3600");
      throw new ApiError(
          429, "Too many links that do not work were tried from here. Wait an hour and try again.");
    }
    Optional<StaffMember> member = links.owner(token).flatMap(staff::findById);
    if (member.isEmpty()) {
      wrongLinks.tryTake(address);
      throw new ApiError(400, LINK_DOES_NOT_WORK);
    }
    return member.get();
  }
}
