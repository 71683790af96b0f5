package uk.gov.council.cap.server.sites;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.db.Ids;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.StaffAuth;
import uk.gov.council.cap.server.web.ApiError;

/**
 * {@code /api/sites}: each site's name, phone number, opening hours, enquiry themes and kiosk idle
 * time. A change reaches the site's connected kiosks at once.
 */
public final class SiteRoutes {
  private final SiteRepository sites;
  private final SiteListener listener;
  private final AuditLog audit;
  private final Ids ids;

  public SiteRoutes(SiteRepository sites, SiteListener listener, AuditLog audit, Ids ids) {
    this.sites = sites;
    this.listener = listener;
    this.audit = audit;
    this.ids = ids;
  }

  public void register(Javalin app) {
    app.get(
        "/api/sites",
        ctx -> ctx.json(Map.of("sites", sites.all().stream().map(SiteRoutes::view).toList())),
        Role.ADMIN,
        Role.TECHNICIAN,
        Role.SUPERVISOR);
    app.post("/api/sites", this::create, Role.ADMIN, Role.TECHNICIAN);
    app.put("/api/sites/{id}", this::update, Role.ADMIN, Role.TECHNICIAN);
  }

  private void create(Context ctx) {
    Site site = ctx.bodyAsClass(SiteInput.class).toSite(ids.newId());
    Site created =
        sites.create(
            site.name(),
            site.phone(),
            site.timeZone(),
            site.openingHours(),
            site.themes(),
            site.enquiryThemes(),
            site.idleTimeoutSeconds(),
            site.address());
    audit.record(
        StaffAuth.staff(ctx).auditName(),
        "site.created",
        null,
        "site:" + created.id(),
        created.name());
    ctx.status(201).json(view(created));
  }

  private void update(Context ctx) {
    String id = ctx.pathParam("id");
    sites.find(id).orElseThrow(() -> ApiError.notFound("There is no site with that id."));
    Site site = ctx.bodyAsClass(SiteInput.class).toSite(id);
    sites.update(site);
    listener.siteChanged(site);
    audit.record(
        StaffAuth.staff(ctx).auditName(),
        "site.updated",
        null,
        "site:" + id,
        "openingHours=" + site.openingHours().text() + "; phone=" + site.phone());
    ctx.json(view(site));
  }

  static Map<String, Object> view(Site s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("name", s.name());
    m.put("phone", s.phone());
    m.put("timeZone", s.timeZone().getId());
    m.put("openingHours", s.openingHours().text());
    m.put("themes", s.themes());
    m.put("enquiryThemes", s.enquiryThemes());
    m.put("idleTimeoutSeconds", s.idleTimeoutSeconds());
    m.put("address", s.address());
    return m;
  }
}
