package uk.gov.council.cap.systemtests;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static uk.gov.council.cap.systemtests.Pages.button;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.kiosk.KioskApp;
import uk.gov.council.cap.kiosk.KioskConfig;
import uk.gov.council.cap.provisioning.ProvisioningMain;
import uk.gov.council.cap.server.CapServer;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.staff.Role;

/**
 * The "done when", as a technician does it: on the Fleet page make a site and a token; at
 * the kiosk run {@code cap-provisioning enrol} and {@code cap-provisioning self-test} (the real
 * CLI, against this real server, with the SANE test scanner); start kiosk-app from the settings
 * file it wrote; see the kiosk online with its device health; change the site's opening hours and
 * see the kiosk's screen follow; restart it; revoke it and see it refused.
 */
class FleetEndToEndTest extends BrowserTest {
  private static final String TECHNICIAN = "tess";
  private static final String PASSWORD = "correct horse battery";
  private static CapServer server;
  private static Path work;

  @BeforeAll
  static void start() throws Exception {
    work = Files.createTempDirectory("cap-fleet");
    server =
        CapServer.start(ServerConfig.defaults().withPort(0).withDataDir(work.resolve("server")));
    server
        .repositories()
        .staff()
        .create(TECHNICIAN, "Tess Technician", Role.TECHNICIAN, Set.of(), PASSWORD);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  record Run(int exit, String out, String err) {}

  static Run provisioning(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = ProvisioningMain.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(exit, out.toString(), err.toString());
  }

  /** What the Fleet page's "Make an enrolment token" does, through the same API. */
  static String tokenAsTechnician(String siteId, String kioskName) throws Exception {
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    var http = java.net.http.HttpClient.newHttpClient();
    var signIn =
        http.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(server.baseUrl() + "/api/session"))
                .header("Content-Type", "application/json")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        json.writeValueAsString(
                            Map.of("username", TECHNICIAN, "password", PASSWORD))))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    String csrf = json.readTree(signIn.body()).path("csrfToken").asText();
    var made =
        http.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(server.baseUrl() + "/api/enrolment-tokens"))
                .header("Content-Type", "application/json")
                .header("Cookie", cookie)
                .header("X-CSRF-Token", csrf)
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        json.writeValueAsString(Map.of("siteId", siteId, "kioskName", kioskName))))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(made.statusCode()).isEqualTo(201);
    return json.readTree(made.body()).path("token").asText();
  }

  @Test
  void aTechnicianEnrolsAKioskWatchesItChangesItsHoursAndRevokesIt() throws Exception {
    try (BrowserContext consoleWindow = chromium.newWindow();
        BrowserContext kioskWindow = chromium.newWindow()) {
      Page fleet = consoleWindow.newPage();
      fleet.navigate(server.baseUrl() + "/index.html");
      fleet.getByLabel("Username").fill(TECHNICIAN);
      fleet.getByLabel("Password").fill(PASSWORD);
      button(fleet, "Sign in").click();
      fleet.waitForURL("**/fleet.html");
      assertThat(fleet.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Fleet")))
          .isVisible();
      assertThat(fleet.getByText("No kiosks are enrolled yet. Make an enrolment token below."))
          .isVisible();

      // A site with a mistake first: the error summary names the field.
      fleet
          .getByLabel("Name", new Page.GetByLabelOptions().setExact(true))
          .fill("Flitwick Library");
      fleet.getByLabel("Address").fill("Flitwick Library\nConiston Road\nFlitwick MK45 1QJ");
      fleet.getByLabel("Opening hours").fill("Mondays 9 till 5");
      fleet.getByLabel("Phone number shown when the site is closed").fill("01632 960 123");
      button(fleet, "Add site").click();
      assertThat(fleet.locator("#site-errors")).containsText("Opening hours rule not understood");
      Axe.assertNoViolations(fleet, "fleet page with a site error");
      fleet.getByLabel("Opening hours").fill("Mon-Sun 00:00-24:00");
      button(fleet, "Add site").click();
      assertThat(fleet.locator("#site-rows")).containsText("Flitwick Library");
      assertThat(fleet.locator("#site-rows")).containsText("Coniston Road");

      fleet
          .getByLabel("Site the kiosk is at")
          .selectOption(
              new com.microsoft.playwright.options.SelectOption().setLabel("Flitwick Library"));
      fleet.getByLabel("Kiosk name").fill("Flitwick kiosk");
      button(fleet, "Make an enrolment token").click();
      Locator tokenText = fleet.locator("#token-text");
      assertThat(tokenText)
          .hasText(java.util.regex.Pattern.compile("([2-9A-HJ-NP-Z]{5}-){3}[2-9A-HJ-NP-Z]{5}"));
      assertThat(fleet.locator("#token-qr")).isVisible();
      Object qrWidth = fleet.evaluate("() => document.getElementById('token-qr').naturalWidth");
      assertThat(((Number) qrWidth).intValue()).as("the QR code image loaded").isGreaterThan(0);
      String token = tokenText.textContent().strip();
      assertThat(fleet.locator("#token-command"))
          .hasText(
              "sudo cap-provisioning enrol --server " + server.baseUrl() + " --token " + token);
      Axe.assertNoViolations(fleet, "fleet page with a token");

      // At the kiosk: the real CLI against this server.
      Path settings = work.resolve("kiosk").resolve("kiosk.properties");
      Run enrol =
          provisioning(
              "enrol",
              "--server",
              server.baseUrl(),
              "--token",
              token,
              "--config",
              settings.toString(),
              "--scanner",
              "test");
      assertThat(enrol.exit()).as(enrol.err()).isZero();
      assertThat(enrol.out())
          .contains("[1/4] Checking the server")
          .contains("[4/4] Checking the new credentials")
          .contains("Enrolled: \"Flitwick kiosk\" at Flitwick Library");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(settings)))
          .isEqualTo("rw-------");
      Run again =
          provisioning(
              "enrol",
              "--server",
              server.baseUrl(),
              "--token",
              token,
              "--config",
              work.resolve("other.properties").toString());
      assertThat(again.exit()).isEqualTo(1);
      assertThat(again.err())
          .contains(
              "Not enrolled: That enrolment token has already been used. Make a new one in the console.");

      Run selfTest = provisioning("self-test", "--config", settings.toString());
      assertThat(selfTest.exit()).as(selfTest.out()).isZero();
      assertThat(selfTest.out())
          .contains("PASS  SANE scanner test")
          .contains("Scanned a test page")
          .contains("Sent: the Fleet page shows them")
          .contains("All 10 checks passed.");

      try (KioskApp kiosk =
          KioskApp.start(
              KioskConfig.from(
                  Map.of(
                      "CAP_KIOSK_CONFIG",
                      settings.toString(),
                      "CAP_KIOSK_UI_PORT",
                      "0",
                      "CAP_KIOSK_WORK_DIR",
                      work.resolve("kiosk-work").toString(),
                      "CAP_PRINTER_FOLDER",
                      work.resolve("printed").toString()),
                  List.of("--headless")))) {
        Locator row = fleet.locator("tr", new Page.LocatorOptions().setHasText("Flitwick kiosk"));
        LocatorAssertions.ContainsTextOptions patient =
            new LocatorAssertions.ContainsTextOptions().setTimeout(30_000);
        assertThat(row).containsText("Online", patient);
        assertThat(row).containsText("Scanner: Ready", patient);
        assertThat(row).containsText("Printer: Ready");
        assertThat(row).containsText("All 10 passed");
        assertThat(fleet.locator("#fleet-updated")).containsText("1 of 1 kiosks online");
        Axe.assertNoViolations(fleet, "fleet page with a kiosk online");

        Page screen = kioskWindow.newPage();
        screen.navigate(kiosk.uiUrl());
        assertThat(screen.locator("#welcome-hours")).hasText("Open 24 hours");

        // Change the site's hours: the kiosk's screen follows without anyone touching it.
        fleet
            .getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change Flitwick Library"))
            .click();
        fleet.getByLabel("Opening hours").fill("Mon-Fri 09:00-17:00; Sat 09:30-12:30");
        button(fleet, "Save and send to its kiosks").click();
        assertThat(fleet.locator("#done-text"))
            .hasText("Flitwick Library saved; its kiosks have the new settings.");
        assertThat(fleet.locator("#site-rows"))
            .containsText("Mon-Fri 09:00-17:00; Sat 09:30-12:30");
        assertThat(screen.locator("#welcome-hours"))
            .hasText("Advisors are here: Mon-Fri 09:00-17:00; Sat 09:30-12:30");

        // Remote restart; a headless kiosk says plainly why it has no screenshot.
        fleet
            .getByRole(
                AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Manage Flitwick kiosk"))
            .click();
        assertThat(fleet.locator("#reader-now"))
            .containsText("This server uses the simulated card reader");
        fleet.getByLabel("Stripe reader id").fill("reader-1");
        button(fleet, "Save card reader").click();
        assertThat(fleet.locator("#reader-error"))
            .containsText("Enter the Stripe reader id, which starts with tmr_");
        fleet.getByLabel("Stripe reader id").fill("tmr_FleetTest123");
        button(fleet, "Save card reader").click();
        assertThat(fleet.locator("#done-text"))
            .hasText("Flitwick kiosk: card reader tmr_FleetTest123 saved.");
        Axe.assertNoViolations(fleet, "fleet page managing a kiosk");
        button(fleet, "Restart the kiosk").click();
        assertThat(fleet.locator("#command-status")).containsText("The kiosk is restarting");
        assertThat(row).containsText("Online", patient);
        button(fleet, "See its screen").click();
        assertThat(fleet.locator("#command-status")).containsText("This kiosk runs headless");

        // Revoke: disconnected at once, refused from then on, audited.
        assertThat(button(fleet, "Revoke this kiosk")).isDisabled();
        fleet.getByLabel("I understand this kiosk will stop working").check();
        button(fleet, "Revoke this kiosk").click();
        assertThat(row).containsText("Revoked");
        assertThat(fleet.locator("#done-text"))
            .hasText(
                "Flitwick kiosk is revoked: it has been disconnected and its credentials will be refused.");
        Await.until(
            "the revoked kiosk to be disconnected",
            () -> !kiosk.isLinkUp(),
            Duration.ofSeconds(15));
        // kiosk-app keeps trying to reconnect; the server's audit of refusing one of those tries
        // (over the socket,
        // not the CLI's REST check below) shows it tried and was turned away, rather than hoping a
        // pause is enough.
        Await.until(
            "the server to refuse the revoked kiosk's reconnection",
            () ->
                server.repositories().audit().latest("kiosk.revoked_refused", 20).stream()
                    .anyMatch(e -> e.detail().startsWith("remote=")),
            Duration.ofSeconds(30));
        assertThat(kiosk.isLinkUp()).as("and it cannot connect again").isFalse();
        Run refused = provisioning("self-test", "--config", settings.toString(), "--no-send");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.out()).contains("FAIL  The server refused this kiosk's credentials");
        assertThat(server.repositories().audit().latest("kiosk.revoked", 5)).hasSize(1);
        assertThat(server.repositories().audit().latest("kiosk.revoked_refused", 5)).isNotEmpty();
      }
    }
  }

  @Test
  void theCliReadsTheTokenFromTheCamerasPictureOfTheQrCode() throws Exception {
    var site =
        server
            .repositories()
            .sites()
            .create(
                "Biggleswade Library",
                "01632 960 124",
                java.time.ZoneId.of("Europe/London"),
                uk.gov.council.cap.server.sites.OpeningHours.parse("Mon-Sun 00:00-24:00"),
                List.of("general"),
                List.of(),
                120);
    String token = tokenAsTechnician(site.id(), "Biggleswade kiosk");
    Path pictures = Files.createDirectories(work.resolve("camera"));
    // What the kiosk's camera sees: the QR code as the Fleet page draws it, on a phone held up to
    // the camera.
    var matrix =
        new com.google.zxing.qrcode.QRCodeWriter()
            .encode(token, com.google.zxing.BarcodeFormat.QR_CODE, 400, 400);
    java.awt.image.BufferedImage frame =
        new java.awt.image.BufferedImage(1280, 720, java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = frame.createGraphics();
    g.setColor(new java.awt.Color(90, 90, 100));
    g.fillRect(0, 0, 1280, 720);
    g.drawImage(
        com.google.zxing.client.j2se.MatrixToImageWriter.toBufferedImage(matrix), 440, 160, null);
    g.dispose();
    javax.imageio.ImageIO.write(frame, "jpg", pictures.resolve("frame.jpg").toFile());

    Path settings = work.resolve("camera-kiosk.properties");
    Run enrol =
        provisioning(
            "enrol",
            "--server",
            server.baseUrl(),
            "--token-from-camera",
            "--camera-pictures",
            pictures.toString(),
            "--config",
            settings.toString());
    assertThat(enrol.exit()).as(enrol.err()).isZero();
    assertThat(enrol.out())
        .contains("[2/5] Reading the token's QR code")
        .contains("Read the token from the camera")
        .contains("Enrolled: \"Biggleswade kiosk\" at Biggleswade Library");
    Run status = provisioning("status", "--config", settings.toString());
    assertThat(status.exit()).isZero();
    assertThat(status.out())
        .contains("Kiosk:           Biggleswade kiosk")
        .contains("rw-------, owner only")
        .contains("Secret:          held (not shown)")
        .contains("Opening hours:   Mon-Sun 00:00-24:00")
        .doesNotContain(
            Files.readString(settings)
                .lines()
                .filter(l -> l.startsWith("CAP_KIOSK_SECRET="))
                .findFirst()
                .orElseThrow()
                .substring("CAP_KIOSK_SECRET=".length()));
    Run forged =
        provisioning(
            "enrol",
            "--server",
            server.baseUrl(),
            "--token",
            "AAAAA-BBBBB-CCCCC-DDDDD",
            "--config",
            work.resolve("forged.properties").toString());
    assertThat(forged.exit()).isEqualTo(1);
    assertThat(forged.err()).contains("That enrolment token is not one this server made.");
    assertThat(Files.exists(work.resolve("forged.properties")))
        .as("nothing written for a refused token")
        .isFalse();
    Run unreachable =
        provisioning(
            "enrol",
            "--server",
            "http://127.0.0.1:9",
            "--token",
            token,
            "--config",
            work.resolve("x.properties").toString());
    assertThat(unreachable.exit()).isEqualTo(1);
    assertThat(unreachable.err()).contains("Cannot connect to the server at http://127.0.0.1:9");
  }
}
