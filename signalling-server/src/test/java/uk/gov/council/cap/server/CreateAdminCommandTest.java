package uk.gov.council.cap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.gov.council.cap.server.testing.Api;
import uk.gov.council.cap.server.testing.FakeClock;
import uk.gov.council.cap.server.testing.TestServer;

/**
 * The documented first step of a real installation: an administrator made from the command line can
 * sign in to the server that then starts on the same data, and is in the audit log.
 */
class CreateAdminCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Path dataDir, CreateAdminCommand.PasswordSource passwords, String... args)
      throws IOException {
    return new CreateAdminCommand(
            TestServer.config(dataDir),
            FakeClock.running(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(List.of(args), passwords, "root");
  }

  private static CreateAdminCommand.PasswordSource piped(String text) {
    return CreateAdminCommand.PasswordSource.of(null, new BufferedReader(new StringReader(text)));
  }

  /** A terminal that answers each prompt in turn. */
  private static CreateAdminCommand.PasswordSource terminal(String... answers) {
    Deque<String> left = new ArrayDeque<>(List.of(answers));
    return new CreateAdminCommand.PasswordSource() {
      @Override
      public char[] read(String prompt) {
        return left.isEmpty() ? null : left.removeFirst().toCharArray();
      }

      @Override
      public boolean canConfirm() {
        return true;
      }
    };
  }

  @Test
  void theAdministratorMadeFromTheCommandLineSignsInToTheServerThatStartsOnTheSameData()
      throws IOException {
    Path dataDir = Files.createTempDirectory("cap-admin");

    int status = run(dataDir, piped("correct horse battery\n"), "alice", "Alice Administrator");

    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Alice Administrator (alice) is an administrator");
    try (TestServer server = new TestServer(dataDir)) {
      Api.Response signedIn = new Api(server.url()).signIn("alice", "correct horse battery");
      assertThat(signedIn.status()).isEqualTo(200);
      assertThat(signedIn.body().at("/user/role").asText()).isEqualTo("ADMIN");
      assertThat(
              server.server().repositories().audit().latest("staff.created", 10).stream()
                  .map(e -> e.actor() + " " + e.action() + " " + e.subject()))
          .contains("command-line:root staff.created staff:alice");
    }
  }

  @Test
  void atATerminalThePasswordIsAskedTwiceAndTwoDifferentOnesChangeNothing() throws IOException {
    Path dataDir = Files.createTempDirectory("cap-admin");

    int status =
        run(dataDir, terminal("correct horse battery", "correct horse batterz"), "alice", "Alice");

    assertThat(status).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("The two passwords are different. Nothing was changed.");
    try (TestServer server = new TestServer(dataDir)) {
      assertThat(server.server().repositories().staff().displayNameOf("alice")).isEmpty();
    }
  }

  @Test
  void aShortPasswordAnUnusableUsernameOrATakenOneAreRefusedInPlainWords() throws IOException {
    Path dataDir = Files.createTempDirectory("cap-admin");

    assertThat(run(dataDir, piped("short\n"), "alice", "Alice")).isEqualTo(1);
    assertThat(run(dataDir, piped("correct horse battery\n"), "Alice Smith", "Alice")).isEqualTo(2);
    assertThat(run(dataDir, piped("correct horse battery\n"), "alice")).isEqualTo(2);
    assertThat(run(dataDir, piped("correct horse battery\n"), "alice", "Alice")).isZero();
    assertThat(run(dataDir, piped("another good password\n"), "alice", "Alice Two")).isEqualTo(1);

    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Your password must be at least 12 characters long. Nothing was changed.")
        .contains("A username is 2 to 64 lower-case letters")
        .contains("Usage: cap-server create-admin <username> \"<full name>\"")
        .contains("Someone already has the username alice");
  }
}
