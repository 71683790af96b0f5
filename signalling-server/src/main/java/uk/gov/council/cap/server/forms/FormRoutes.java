package uk.gov.council.cap.server.forms;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.StaffAuth;
import uk.gov.council.cap.server.web.ApiError;

/**
 * The console's form actions: search the library, send a form to the kiosk, pause and resume, read
 * drafts.
 */
public final class FormRoutes {
  private final FormLibrary library;
  private final FormDesk desk;
  private final FormSessionRepository sessions;

  public FormRoutes(FormLibrary library, FormDesk desk, FormSessionRepository sessions) {
    this.library = library;
    this.desk = desk;
    this.sessions = sessions;
  }

  public record StartInput(String formId) {}

  public void register(Javalin app) {
    app.get("/api/forms", this::search, Role.ADVISOR, Role.SUPERVISOR);
    app.post("/api/calls/{id}/forms", this::start, Role.ADVISOR, Role.SUPERVISOR);
    app.post(
        "/api/form-sessions/{id}/pause",
        ctx -> ctx.json(view(desk.pause(ctx.pathParam("id"), StaffAuth.staff(ctx)))),
        Role.ADVISOR,
        Role.SUPERVISOR);
    app.post(
        "/api/form-sessions/{id}/resume",
        ctx -> ctx.json(view(desk.resume(ctx.pathParam("id"), StaffAuth.staff(ctx)))),
        Role.ADVISOR,
        Role.SUPERVISOR);
    app.get(
        "/api/cases/{id}/forms",
        ctx -> ctx.json(sessions.ofCase(ctx.pathParam("id")).stream().map(this::view).toList()),
        Role.ADVISOR,
        Role.SUPERVISOR);
  }

  private void search(Context ctx) {
    String q = ctx.queryParam("q");
    if (q != null && q.length() > 100)
      throw ApiError.badRequest("Search for 100 characters or fewer.");
    ctx.json(
        library.search(q).stream()
            .map(
                f ->
                    Map.of(
                        "id",
                        f.id(),
                        "version",
                        f.version(),
                        "title",
                        f.title(),
                        "summary",
                        f.summary() == null ? "" : f.summary()))
            .toList());
  }

  private void start(Context ctx) {
    StartInput in = ctx.bodyAsClass(StartInput.class);
    if (in.formId() == null || in.formId().isBlank()) {
      throw new ApiError(
          400, "Choose a form", Map.of("formId", "Choose a form to send to the kiosk"));
    }
    ctx.status(201).json(view(desk.start(ctx.pathParam("id"), in.formId(), StaffAuth.staff(ctx))));
  }

  /**
   * A session as the console shows it: each visible question with its answer in words and who gave
   * it.
   */
  Map<String, Object> view(FormSession s) {
    FormDefinition form = desk.definitionOf(s);
    List<Map<String, Object>> rows =
        form.visiblePages(s.answers()).stream()
            .map(
                p -> {
                  Map<String, Object> row = new LinkedHashMap<>();
                  row.put("field", p.field());
                  row.put("label", p.label());
                  row.put("answer", p.display(s.answers().get(p.field())));
                  row.put("by", s.answeredBy().getOrDefault(p.field(), ""));
                  return row;
                })
            .toList();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("formId", s.formId());
    m.put("formVersion", s.formVersion());
    m.put("title", form.title());
    m.put("status", s.status().name());
    m.put("callId", s.callId());
    m.put("startedAt", s.startedAt().toString());
    m.put("updatedAt", s.updatedAt().toString());
    m.put("documentId", s.documentId());
    m.put("answers", rows);
    return m;
  }
}
