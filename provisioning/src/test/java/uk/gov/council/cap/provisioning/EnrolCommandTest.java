package uk.gov.council.cap.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.council.cap.kiosk.KioskSettingsFile;

/**
 * Enrolment as the technician sees it: numbered steps, the settings file it leaves (its keys, its
 * 0600 permissions), and each failure as a sentence with exit status 1.
 */
class EnrolCommandTest {
  private final FakeCapServer server = new FakeCapServer();
  @TempDir Path dir;

  @AfterEach
  void stop() {
    server.close();
  }

  private Cli enrol(Path config, String... more) {
    String[] base = {
      "enrol",
      "--server",
      server.url().toString(),
      "--token",
      FakeCapServer.TOKEN,
      "--config",
      config.toString()
    };
    String[] args = new String[base.length + more.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return Cli.run(args);
  }

  @Test
  void enrolmentWritesTheKiosksOwnCredentialsForItsUserAlone() throws Exception {
    Path config = dir.resolve("cap-kiosk").resolve("kiosk.properties");

    Cli r = enrol(config, "--printer", "Front_Desk");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("[1/4] Checking the server at " + server.url())
        .contains("Server version test")
        .contains("[3/4] Saving this kiosk's credentials")
        .contains("[4/4] Checking the new credentials")
        .contains(
            "Enrolled: \"Flitwick kiosk\" at Flitwick Library (kiosk id " + FakeCapServer.KIOSK_ID)
        .contains("sudo cap-provisioning self-test");
    Map<String, String> settings = KioskSettingsFile.read(config);
    assertThat(settings)
        .containsEntry("CAP_SERVER_URL", server.url().toString())
        .containsEntry("CAP_KIOSK_ID", FakeCapServer.KIOSK_ID)
        .containsEntry("CAP_KIOSK_SECRET", FakeCapServer.SECRET)
        .containsEntry("CAP_KIOSK_NAME", "Flitwick kiosk")
        .containsEntry("CAP_PRINTER", "Front_Desk")
        .containsEntry("CAP_SCANNER", "simulated");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(config)).contains("written by cap-provisioning enrol");
    assertThat(r.out()).doesNotContain(FakeCapServer.SECRET);
  }

  @Test
  void anEnrolledKioskIsNotEnrolledAgainWithoutForce() throws Exception {
    Path config = dir.resolve("kiosk.properties");
    assertThat(enrol(config).exit()).isZero();
    server.requests.clear();

    Cli again = enrol(config);

    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err())
        .contains("This kiosk is already enrolled as \"Flitwick kiosk\"")
        .contains("add --force");
    assertThat(server.requests).as("nothing sent before refusing").isEmpty();
    assertThat(enrol(config, "--force").exit()).isZero();
  }

  @Test
  void aTokenTheServerRefusesLeavesNoSettingsFile() {
    Path config = dir.resolve("kiosk.properties");
    Cli r =
        Cli.run(
            "enrol",
            "--server",
            server.url().toString(),
            "--token",
            "ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ",
            "--config",
            config.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .isEqualToIgnoringNewLines(
            "Not enrolled: That enrolment token is not one this server made.");
    assertThat(config).doesNotExist();
  }

  @Test
  void credentialsTheServerDoesNotAcceptAfterEnrolmentAreReported() {
    server.acceptsNewCredentials = false;
    Cli r = enrol(dir.resolve("kiosk.properties"));
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .contains("The server did not accept the new credentials")
        .contains("Make a new token and try again.");
  }

  @Test
  void aServerThatIsNotReadyOrNotOursIsToldApart() {
    server.healthBody = "{\"status\":\"starting\"}";
    Cli notReady = enrol(dir.resolve("a.properties"));
    assertThat(notReady.exit()).isEqualTo(1);
    assertThat(notReady.err()).contains("is not ready").contains("Try again in a minute.");

    server.healthBody = "<html>It works!</html>";
    Cli notOurs = enrol(dir.resolve("b.properties"));
    assertThat(notOurs.exit()).isEqualTo(1);
    assertThat(notOurs.err())
        .contains("answered, but not as a Customer Access Point server. Check the address.");
  }

  @Test
  void aServerNobodyAnswersAtIsNamedWithWhatToCheck() {
    String url = server.url().toString();
    server.close();
    Cli r =
        Cli.run(
            "enrol",
            "--server",
            url,
            "--token",
            FakeCapServer.TOKEN,
            "--config",
            dir.resolve("kiosk.properties").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .contains("Cannot connect to the server at " + url)
        .contains("a proxy or firewall may be in the way");
  }

  @Test
  void statusOfAKioskNotYetEnrolledSaysHowToEnrol() {
    Cli r = Cli.run("status", "--config", dir.resolve("none.properties").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains("Not enrolled: there is no settings file at")
        .contains("Enrol with: sudo cap-provisioning enrol --server URL --token TOKEN");
  }
}
