package uk.gov.council.cap.server.fleet;

import io.javalin.Javalin;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import uk.gov.council.cap.documents.pdf.QrCodes;
import uk.gov.council.cap.server.staff.Access;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.StaffAuth;
import uk.gov.council.cap.server.web.ApiError;

/**
 * Enrolment: a technician or admin makes a one-time token (shown as text and as a QR code); the
 * kiosk (through the provisioning tool) trades it for its identity at {@code POST /api/enrol},
 * which needs no sign-in, only the token.
 */
public final class EnrolmentRoutes {
  private final Enrolments enrolments;

  public EnrolmentRoutes(Enrolments enrolments) {
    this.enrolments = enrolments;
  }

  public record TokenInput(String siteId, String kioskName, Integer hours) {}

  public record EnrolInput(String token) {}

  public void register(Javalin app) {
    app.post(
        "/api/enrolment-tokens",
        ctx -> {
          TokenInput in = ctx.bodyAsClass(TokenInput.class);
          int hours = in.hours() == null ? (int) Enrolments.DEFAULT_LIFETIME.toHours() : in.hours();
          if (hours < 1 || hours > 24 * 7)
            throw new ApiError(400, "A token can last from 1 hour to 7 days.");
          Enrolments.Token t =
              enrolments.create(
                  in.siteId(),
                  in.kioskName(),
                  Duration.ofHours(hours),
                  StaffAuth.staff(ctx).auditName());
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("token", t.token());
          m.put("siteId", t.siteId());
          m.put("kioskName", t.kioskName());
          m.put("expiresAt", t.expiresAt().toString());
          m.put("qrSvg", svg(t.token()));
          ctx.status(201).json(m);
        },
        Role.TECHNICIAN,
        Role.ADMIN);
    app.post(
        "/api/enrol",
        ctx -> {
          EnrolInput in = ctx.bodyAsClass(EnrolInput.class);
          Enrolments.Enrolled e = enrolments.enrol(in.token(), "enrolment from " + ctx.ip());
          ctx.status(201)
              .json(
                  Map.of(
                      "kioskId",
                      e.kioskId(),
                      "kioskName",
                      e.kioskName(),
                      "siteId",
                      e.siteId(),
                      "kioskSecret",
                      e.secret()));
        },
        Access.PUBLIC);
  }

  /** The token as an SVG QR code with its quiet zone, for the kiosk's camera or a phone. */
  static String svg(String text) {
    var matrix = QrCodes.encode(text);
    StringBuilder b =
        new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
            .append(matrix.getWidth())
            .append(' ')
            .append(matrix.getHeight())
            .append(
                "\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"Enrolment token as a QR code\">")
            .append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\"");
    for (int y = 0; y < matrix.getHeight(); y++) {
      for (int x = 0; x < matrix.getWidth(); x++) {
        if (matrix.get(x, y)) b.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
      }
    }
    return b.append("\"/></svg>").toString();
  }
}
