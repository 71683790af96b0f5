package uk.gov.council.cap.server.staff;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
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
 * A member of staff's own second factor ({@code /api/account/totp}: set up, confirm, turn off) and
 * an admin's reset for someone who lost their phone. Turning it off needs a current code, and wrong
 * codes there are slowed by the same {@link SignInThrottle} as sign-in, so a session left open on a
 * shared desk cannot be used to guess one.
 */
public final class TotpRoutes {
  private static final int MAX_REASON = 500;

  /** How {@code oidc.OidcRoutes} names a council sign-in to {@link SessionStart#begin}. */
  private final TotpRepository factors;

  private final Totp totp;
  private final StaffRepository staff;
  private final AuditLog audit;
  private final SignInThrottle throttle;
  private final Ids ids;
  private final String issuer;
  private final TotpPolicy policy;

  public TotpRoutes(
      TotpRepository factors,
      Totp totp,
      StaffRepository staff,
      AuditLog audit,
      SignInThrottle throttle,
      Ids ids,
      String issuer,
      TotpPolicy policy) {
    this.policy = policy;
    this.factors = factors;
    this.totp = totp;
    this.staff = staff;
    this.audit = audit;
    this.throttle = throttle;
    this.ids = ids;
    this.issuer = issuer;
  }

  public record CodeBody(String code) {}

  public record ResetBody(String reason) {}

  public void register(Javalin app) {
    app.get("/api/account/totp", this::status, Role.values());
    app.post("/api/account/totp", this::begin, Role.values());
    app.get("/api/account/totp/qr.svg", this::qr, Role.values());
    app.post("/api/account/totp/confirm", this::confirm, Role.values());
    app.post("/api/account/totp/off", this::turnOff, Role.values());
    app.post("/api/staff/{id}/totp-reset", this::reset, Role.ADMIN);
  }

  /**
   * Whether it is on, and what the page may offer: nothing to set up for someone who signs in
   * through the council (their provider's checks apply), and no turning off for a role that must
   * use it.
   */
  private void status(Context ctx) {
    StaffMember me = StaffAuth.staff(ctx);
    Optional<TotpRepository.Factor> f = factors.find(me.id());
    ctx.json(
        Map.of(
            "on", f.map(TotpRepository.Factor::on).orElse(false),
            "pending", f.map(x -> !x.on()).orElse(false),
            "council", signsInThroughCouncil(me),
            "required", policy.requires(me.role())));
  }

  /**
   * An account that signs in only with the council's account (V17) has no password here for a
   * second factor to guard.
   */
  private boolean signsInThroughCouncil(StaffMember me) {
    return staff.account(me.id()).map(StaffAccount::councilSignIn).orElse(false);
  }

  /** A new secret, shown once here and as a QR code; nothing is asked for until it is confirmed. */
  private void begin(Context ctx) {
    StaffMember me = StaffAuth.staff(ctx);
    if (signsInThroughCouncil(me)) {
      throw new ApiError(
          409,
          "You sign in with your council account, so its own sign-in checks apply. Two-step"
              + " verification here is only for signing in with a password.");
    }
    byte[] secret = ids.randomBytes(Totp.SECRET_BYTES);
    if (!factors.begin(me.id(), secret)) {
      throw new ApiError(
          409, "Two-step verification is already on. Turn it off first to set up a new app.");
    }
    audit.record(me.auditName(), "staff.totp_setup_started", null, me.auditName(), null);
    ctx.header("Cache-Control", "no-store");
    ctx.json(Map.of("secret", grouped(Totp.base32(secret))));
  }

  private void qr(Context ctx) {
    StaffMember me = StaffAuth.staff(ctx);
    TotpRepository.Factor f =
        factors
            .find(me.id())
            .filter(x -> !x.on())
            .orElseThrow(() -> ApiError.notFound("There is no set-up in progress."));
    ctx.header("Cache-Control", "no-store");
    ctx.contentType("image/svg+xml");
    ctx.result(svg(Totp.keyUri(issuer, me.username(), f.secret())));
  }

  private void confirm(Context ctx) {
    StaffMember me = StaffAuth.staff(ctx);
    String code = codeOf(ctx);
    TotpRepository.Factor f =
        factors
            .find(me.id())
            .filter(x -> !x.on())
            .orElseThrow(
                () ->
                    new ApiError(
                        409, "There is no set-up in progress. Start setting up your app again."));
    OptionalLong step = totp.match(f.secret(), code);
    if (step.isEmpty() || !factors.confirm(me.id(), step.getAsLong())) {
      throw wrongCode();
    }
    audit.record(me.auditName(), "staff.totp_on", null, me.auditName(), null);
    ctx.json(Map.of("on", true));
  }

  private void turnOff(Context ctx) {
    StaffMember me = StaffAuth.staff(ctx);
    if (policy.requires(me.role())) {
      throw new ApiError(
          409,
          "Your role must use two-step verification, so it cannot be turned off. If you have a new"
              + " phone, ask an administrator to reset it.");
    }
    String code = codeOf(ctx);
    String address = ctx.ip();
    Optional<Duration> wait = throttle.waitBefore(me.username(), address);
    if (wait.isPresent()) {
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      ctx.header("Retry-After", Long.toString(seconds));
      throw new ApiError(
          429, "Too many wrong codes. Wait " + SignInRoutes.inWords(seconds) + " and try again.");
    }
    TotpRepository.Factor f =
        factors
            .find(me.id())
            .filter(TotpRepository.Factor::on)
            .orElseThrow(() -> new ApiError(409, "Two-step verification is not on."));
    OptionalLong step = totp.match(f.secret(), code);
    if (step.isEmpty() || !factors.use(me.id(), step.getAsLong())) {
      throttle.failed(me.username(), address);
      audit.record(me.auditName(), "staff.totp_off_refused", null, me.auditName(), "wrong code");
      throw wrongCode();
    }
    factors.remove(me.id());
    audit.record(me.auditName(), "staff.totp_off", null, me.auditName(), null);
    ctx.json(Map.of("on", false));
  }

  /** For someone who lost their phone: they sign in with their password and set it up again. */
  private void reset(Context ctx) {
    StaffMember admin = StaffAuth.staff(ctx);
    ResetBody body = ctx.bodyAsClass(ResetBody.class);
    String reason = body.reason() == null ? "" : body.reason().strip();
    if (reason.isEmpty()) {
      throw new ApiError(
          400,
          "Enter why their two-step verification is being reset",
          Map.of("reason", "Enter why their two-step verification is being reset"));
    }
    if (reason.length() > MAX_REASON) {
      throw new ApiError(
          400,
          "The reason must be " + MAX_REASON + " characters or fewer",
          Map.of("reason", "The reason must be " + MAX_REASON + " characters or fewer"));
    }
    StaffMember target =
        staff
            .findById(ctx.pathParam("id"))
            .orElseThrow(() -> ApiError.notFound("There is no member of staff with that id."));
    boolean had = factors.remove(target.id());
    audit.record(
        admin.auditName(),
        "staff.totp_reset",
        null,
        target.auditName(),
        (had ? "" : "(had none) ") + reason);
    ctx.json(Map.of("reset", had));
  }

  private static String codeOf(Context ctx) {
    CodeBody body = ctx.bodyAsClass(CodeBody.class);
    String code = body.code() == null ? "" : body.code().replaceAll("\\s", "");
    if (code.isEmpty()) {
      throw new ApiError(
          400,
          "Enter the 6-digit code from your authenticator app",
          Map.of("code", "Enter the 6-digit code from your authenticator app"));
    }
    return code;
  }

  private static ApiError wrongCode() {
    String text = "The code is not right, or was used already. Enter the code your app shows now.";
    return new ApiError(400, text, Map.of("code", text));
  }

  /** Four letters at a time, easier to type into an app than 32 in a row. */
  static String grouped(String base32) {
    return String.join(" ", base32.split("(?<=\\G.{4})"));
  }

  /** The QR code as SVG: one path of dark squares, no styles, so any page's CSP allows it. */
  static String svg(String text) {
    BitMatrix m;
    try {
      m =
          new QRCodeWriter()
              .encode(
                  text,
                  BarcodeFormat.QR_CODE,
                  0,
                  0,
                  Map.of(
                      EncodeHintType.MARGIN,
                      4,
                      EncodeHintType.ERROR_CORRECTION,
                      ErrorCorrectionLevel.M));
    } catch (WriterException e) {
      throw new IllegalStateException("A key address always fits in a QR code", e);
    }
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < m.getHeight(); y++) {
      for (int x = 0; x < m.getWidth(); x++) {
        if (m.get(x, y)) {
          path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
        }
      }
    }
    // A size of its own (4 px a module) as well as the viewBox, so the image has one wherever
    // shown.
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\""
        + m.getWidth() * 4
        + "\" height=\""
        + m.getHeight() * 4
        + "\" viewBox=\"0 0 "
        + m.getWidth()
        + " "
        + m.getHeight()
        + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
        + "<path fill=\"#000\" d=\""
        + path
        + "\"/></svg>";
  }
}
