package uk.gov.council.cap.server.survey;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.StaffAuth;
import uk.gov.council.cap.server.staff.StaffMember;
import uk.gov.council.cap.server.web.ApiError;

/**
 * What supervisors read: a case's survey answers with their net score, and every answer in a date
 * range as CSV. Ratings are about advisors' work, so advisors do not see them; both reads are
 * audited.
 */
public final class SurveyRoutes {
  private static final ZoneId COUNCIL_TIME = ZoneId.of("Europe/London");
  private static final int LONGEST_EXPORT_DAYS = 366;
  private final SurveyRepository answers;
  private final AuditLog audit;
  private final Clock clock;

  public SurveyRoutes(SurveyRepository answers, AuditLog audit, Clock clock) {
    this.answers = answers;
    this.audit = audit;
    this.clock = clock;
  }

  public void register(Javalin app) {
    app.get("/api/cases/{id}/survey", this::forCase, Role.SUPERVISOR);
    app.get("/api/surveys/export.csv", this::export, Role.SUPERVISOR, Role.ADMIN);
  }

  private void forCase(Context ctx) {
    StaffMember reader = StaffAuth.staff(ctx);
    String caseId = ctx.pathParam("id");
    List<SurveyAnswer> found = answers.forCase(caseId);
    audit.record(reader.auditName(), "survey.viewed", caseId, null, found.size() + " answers");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("answers", found.stream().map(SurveyRoutes::view).toList());
    body.put("score", scoreView(NetScore.of(found)));
    ctx.json(body);
  }

  private void export(Context ctx) {
    StaffMember reader = StaffAuth.staff(ctx);
    LocalDate today = LocalDate.ofInstant(clock.now(), COUNCIL_TIME);
    LocalDate from = date(ctx.queryParam("from"), today.minusDays(29), "from");
    LocalDate to = date(ctx.queryParam("to"), today, "to");
    if (to.isBefore(from))
      throw new ApiError(400, "The end date must be on or after the start date.");
    if (from.plusDays(LONGEST_EXPORT_DAYS).isBefore(to)) {
      throw new ApiError(400, "Export at most a year at a time.");
    }
    Instant start = from.atStartOfDay(COUNCIL_TIME).toInstant();
    Instant end = to.plusDays(1).atStartOfDay(COUNCIL_TIME).toInstant();
    List<SurveyAnswer> found = answers.answeredBetween(start, end);
    audit.record(
        reader.auditName(),
        "survey.exported",
        null,
        null,
        from + " to " + to + ", " + found.size());
    ctx.header(
            "Content-Disposition", "attachment; filename=\"survey-" + from + "-to-" + to + ".csv\"")
        .contentType("text/csv; charset=utf-8")
        .result(SurveyCsv.write(found, NetScore.of(found), from, to, COUNCIL_TIME));
  }

  private static LocalDate date(String text, LocalDate otherwise, String which) {
    if (text == null || text.isBlank()) return otherwise;
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new ApiError(400, "Give the " + which + " date as year-month-day, like 2026-11-30.");
    }
  }

  private static Map<String, Object> view(SurveyAnswer a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("callId", a.callId());
    m.put("answeredAt", a.answeredAt().toString());
    m.put("rating", a.rating().name());
    m.put("ratingText", a.rating().words());
    if (a.reason() != null) {
      m.put("reason", a.reason().name());
      m.put("reasonText", a.reason().words());
    }
    m.put("kioskName", a.kioskName());
    return m;
  }

  private static Map<String, Object> scoreView(NetScore s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("responses", s.responses());
    m.put("good", s.good());
    m.put("ok", s.ok());
    m.put("poor", s.poor());
    m.put("netScore", s.score());
    m.put("netScoreText", s.text());
    return m;
  }
}
