package uk.gov.council.cap.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A mistake in the command is told in one or two plain lines with where the help is, exit status 2,
 * and nothing is sent anywhere.
 */
class ArgumentErrorsTest {
  @Test
  void withNothingToDoItShowsTheCommandsUnderTheInstalledName() {
    Cli r = Cli.run();
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("Usage: cap-provisioning")
        .contains("enrol", "self-test", "status");
  }

  @Test
  void enrolWithoutAServerSaysWhichOptionIsMissing() {
    Cli r = Cli.run("enrol", "--token", FakeCapServer.TOKEN);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains("--server")
        .contains("See the options with: cap-provisioning enrol --help")
        .doesNotContain("Exception");
  }

  @Test
  void enrolNeedsExactlyOneWayToGetTheToken() {
    Cli none = Cli.run("enrol", "--server", "https://cap.council.example");
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).contains("--token").contains("--token-from-camera");

    Cli both =
        Cli.run(
            "enrol",
            "--server",
            "https://cap.council.example",
            "--token",
            FakeCapServer.TOKEN,
            "--token-from-camera");
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err()).contains("mutually exclusive");
  }

  @Test
  void aServerWithoutHttpsIsRefusedBeforeAnythingIsSent() {
    Cli r = Cli.run("enrol", "--server", "cap.council.example", "--token", FakeCapServer.TOKEN);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains("--server needs the server's full address, starting with https://")
        .contains("(it was \"cap.council.example\")")
        .doesNotContain("Exception");
    assertThat(r.out()).doesNotContain("Checking the server");
  }

  @Test
  void anUnknownCommandIsNamed() {
    Cli r = Cli.run("enroll");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("enroll").contains("cap-provisioning --help");
  }
}
