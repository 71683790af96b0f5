package uk.gov.council.cap.server.staffadmin;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.StaffAccount;
import uk.gov.council.cap.server.staff.StaffAuth;
import uk.gov.council.cap.server.staff.StaffMember;

/**
 * {@code /api/staff}: the administration page's list of staff, one person, adding someone (who then
 * sets their own password through a one-time link), changing their name, role and skills, turning
 * an account off or on, and a new password link. Admins only; every change carries a reason.
 */
public final class StaffAdminRoutes {
  /** The page a one-time link opens; the console puts its own address in front. */
  static final String SET_PASSWORD_PAGE = "/set-password.html?token=";

  private final StaffAdmin admin;

  StaffAdminRoutes(StaffAdmin admin) {
    this.admin = admin;
  }

  public void register(Javalin app) {
    app.get("/api/staff", this::list, Role.ADMIN);
    app.post("/api/staff", this::create, Role.ADMIN);
    app.get("/api/staff/{id}", this::one, Role.ADMIN);
    app.put("/api/staff/{id}", this::change, Role.ADMIN);
    app.post("/api/staff/{id}/disable", ctx -> setDisabled(ctx, true), Role.ADMIN);
    app.post("/api/staff/{id}/enable", ctx -> setDisabled(ctx, false), Role.ADMIN);
    app.post("/api/staff/{id}/password-link", this::passwordLink, Role.ADMIN);
  }

  private void list(Context ctx) {
    ctx.json(
        Map.of(
            "staff",
            admin.staff().accounts().stream().map(StaffAdminRoutes::view).toList(),
            "options",
            options()));
  }

  private void one(Context ctx) {
    ctx.json(Map.of("member", view(admin.account(ctx.pathParam("id"))), "options", options()));
  }

  private void create(Context ctx) {
    StaffAdmin.Created made =
        admin.create(StaffAuth.staff(ctx), ctx.bodyAsClass(StaffForm.NewStaff.class));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("member", view(admin.account(made.member().id())));
    answer.put("passwordLink", made.link().map(StaffAdminRoutes::link).orElse(null));
    ctx.status(201).json(answer);
  }

  private void change(Context ctx) {
    StaffMember now =
        admin.change(
            StaffAuth.staff(ctx), ctx.pathParam("id"), ctx.bodyAsClass(StaffForm.Change.class));
    ctx.json(Map.of("member", view(admin.account(now.id()))));
  }

  private void setDisabled(Context ctx, boolean disabled) {
    String id = ctx.pathParam("id");
    admin.setDisabled(
        StaffAuth.staff(ctx), id, disabled, ctx.bodyAsClass(StaffForm.Why.class).reason());
    ctx.json(Map.of("member", view(admin.account(id))));
  }

  private void passwordLink(Context ctx) {
    PasswordLinks.Issued link =
        admin.passwordLink(
            StaffAuth.staff(ctx),
            ctx.pathParam("id"),
            ctx.bodyAsClass(StaffForm.Why.class).reason());
    ctx.status(201).json(Map.of("passwordLink", link(link)));
  }

  private static Map<String, Object> link(PasswordLinks.Issued link) {
    return Map.of(
        "path", SET_PASSWORD_PAGE + link.token(), "expiresAt", link.expiresAt().toString());
  }

  static Map<String, Object> view(StaffAccount a) {
    StaffMember m = a.member();
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", m.id());
    v.put("username", m.username());
    v.put("displayName", m.displayName());
    v.put("role", m.role().name());
    v.put("themes", m.themes());
    v.put("sites", m.sites());
    v.put("languages", m.languages());
    v.put("disabled", a.disabled());
    v.put("hasPassword", a.hasPassword());
    v.put("councilSignIn", a.councilSignIn());
    v.put("lastSignedInAt", a.lastSignedInAt() == null ? null : a.lastSignedInAt().toString());
    v.put("lastSignedInBy", a.lastSignedInBy());
    return v;
  }

  /** The choices the page's form offers, so it offers nothing the server would refuse. */
  private Map<String, Object> options() {
    List<Map<String, String>> languages =
        Languages.all().entrySet().stream()
            .map(e -> Map.of("code", e.getKey(), "name", e.getValue()))
            .toList();
    List<Map<String, String>> sites =
        admin.allSites().stream().map(s -> Map.of("id", s.id(), "name", s.name())).toList();
    return Map.of(
        "roles",
        Arrays.stream(Role.values()).map(Role::name).toList(),
        "themes",
        List.copyOf(admin.knownThemes()),
        "sites",
        sites,
        "languages",
        languages,
        "councilSignIn",
        admin.councilSignIn());
  }
}
