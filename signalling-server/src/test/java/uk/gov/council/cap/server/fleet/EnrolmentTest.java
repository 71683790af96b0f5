package uk.gov.council.cap.server.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.db.Database;
import uk.gov.council.cap.server.db.Ids;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.sites.OpeningHours;
import uk.gov.council.cap.server.sites.Site;
import uk.gov.council.cap.server.sites.SiteRepository;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.testing.Api;
import uk.gov.council.cap.server.testing.TestServer;
import uk.gov.council.cap.server.testing.WsClient;
import uk.gov.council.cap.server.web.ApiError;

/**
 * Enrolment tokens (issue 6, first part): one use, expiry, made-up tokens, and the identity a kiosk
 * gets.
 */
class EnrolmentTest {

  @Test
  void aTechnicianMakesATokenAndTheKioskTradesItOnceForCredentialsThatConnect() {
    try (TestServer server = new TestServer()) {
      Site site = server.openSite("Ampthill Library", List.of("general"), List.of());
      server.staff("tess", Role.TECHNICIAN, Set.of());
      server.staff("alex", Role.ADVISOR, Set.of("general"));
      assertThat(
              server
                  .signIn("alex")
                  .post(
                      "/api/enrolment-tokens", Map.of("siteId", site.id(), "kioskName", "Kiosk 2"))
                  .status())
          .isEqualTo(403);
      Api tess = server.signIn("tess");
      Api.Response made =
          tess.post(
              "/api/enrolment-tokens",
              Map.of("siteId", site.id(), "kioskName", "Ampthill kiosk 2"));
      assertThat(made.status()).isEqualTo(201);
      String token = made.body().path("token").asText();
      assertThat(token).matches("([2-9A-HJ-NP-Z]{5}-){3}[2-9A-HJ-NP-Z]{5}");
      assertThat(made.body().path("qrSvg").asText())
          .startsWith("<svg")
          .contains("Enrolment token as a QR code");

      Api anyone = new Api(server.url());
      Api.Response enrolled = anyone.post("/api/enrol", Map.of("token", token.toLowerCase()));
      assertThat(enrolled.status()).isEqualTo(201);
      String kioskId = enrolled.body().path("kioskId").asText();
      String secret = enrolled.body().path("kioskSecret").asText();
      try (WsClient kiosk = WsClient.kiosk(server.url(), kioskId, secret)) {
        assertThat(kiosk.await("kiosk.config").path("siteName").asText())
            .isEqualTo("Ampthill Library");
      }

      Api.Response again = anyone.post("/api/enrol", Map.of("token", token));
      assertThat(again.status()).isEqualTo(410);
      assertThat(again.body().path("error").asText())
          .isEqualTo("That enrolment token has already been used. Make a new one in the console.");
      Api.Response forged = anyone.post("/api/enrol", Map.of("token", "AAAAA-BBBBB-CCCCC-DDDDD"));
      assertThat(forged.status()).isEqualTo(401);
      assertThat(server.server().repositories().audit().latest("enrolment.refused", 10)).hasSize(2);
    }
  }

  @Test
  void aTokenPastItsExpiryIsRefused() throws Exception {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T09:00:00Z"));
    try (Database db = Database.open("", "", "", Files.createTempDirectory("cap-enrol"))) {
      Ids ids = new Ids();
      SiteRepository sites = new SiteRepository(db.jdbi(), ids);
      Site site =
          sites.create(
              "Library",
              "01632 960 000",
              ZoneId.of("Europe/London"),
              OpeningHours.parse("Mon-Sun 00:00-24:00"),
              List.of("general"),
              List.of(),
              120);
      Enrolments enrolments =
          new Enrolments(
              db.jdbi(),
              new KioskRepository(db.jdbi(), ids, now::get),
              sites,
              new AuditLog(db.jdbi(), now::get),
              ids,
              now::get);
      Enrolments.Token token =
          enrolments.create(site.id(), "Kiosk", Duration.ofHours(24), "staff:tess");
      now.set(now.get().plus(Duration.ofHours(24)).plusSeconds(1));
      assertThatThrownBy(() -> enrolments.enrol(token.token(), "test"))
          .isInstanceOf(ApiError.class)
          .hasMessage("That enrolment token has expired. Make a new one in the console.");
    }
  }
}
