package uk.gov.council.cap.server.survey;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The export: a short summary (the range and the net score) above one row per answer, so a
 * spreadsheet opens it as it is and the score is never recomputed differently by hand.
 */
final class SurveyCsv {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private SurveyCsv() {}

  static String write(
      List<SurveyAnswer> answers, NetScore score, LocalDate from, LocalDate to, ZoneId zone) {
    StringBuilder out = new StringBuilder();
    line(out, "Satisfaction survey", from + " to " + to);
    line(out, "Answers", Integer.toString(score.responses()));
    line(out, "Good", Integer.toString(score.good()));
    line(out, "OK", Integer.toString(score.ok()));
    line(out, "Poor", Integer.toString(score.poor()));
    line(out, "Net score (good minus poor over answers)", score.text());
    out.append("\r\n");
    line(out, "Answered at", "Case reference", "Kiosk", "Rating", "Reason");
    for (SurveyAnswer a : answers) {
      line(
          out,
          WHEN.format(a.answeredAt().atZone(zone)),
          a.caseReference(),
          a.kioskName(),
          a.rating().words(),
          a.reason() == null ? "" : a.reason().words());
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String... cells) {
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) out.append(',');
      out.append(cell(cells[i]));
    }
    out.append("\r\n");
  }

  /**
   * Quoted when needed; a cell a spreadsheet would run as a formula (=, +, -, @ first) is prefixed
   * with an apostrophe (OWASP's CSV injection advice), since kiosk names are typed by staff.
   */
  private static String cell(String v) {
    String s = v;
    if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 && !s.matches("[+-]\\d+")) {
      s = "'" + s;
    }
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      s = "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}
