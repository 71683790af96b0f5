package uk.gov.council.cap.server;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.db.Database;
import uk.gov.council.cap.server.db.Ids;
import uk.gov.council.cap.server.staff.PasswordHasher;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.StaffMember;
import uk.gov.council.cap.server.staff.StaffRepository;
import uk.gov.council.cap.server.staffadmin.PasswordRules;

/**
 * {@code cap-server create-admin <username> "<full name>"}: makes an administrator in the database
 * the settings name, so a new installation has someone who can add everyone else from the console
 * (never SQL). It asks for the password twice at a terminal; piped in (a provisioning script), it
 * reads one line. It runs against the database directly, so the embedded database must not be open
 * in a running server at the same time (H2 allows one process); PostgreSQL does not mind.
 */
public final class CreateAdminCommand {
  public static final String NAME = "create-admin";

  /** Where the password comes from: the terminal when there is one, else standard input. */
  public interface PasswordSource {
    char[] read(String prompt) throws IOException;

    boolean canConfirm();

    static PasswordSource of(Console console, BufferedReader stdin) {
      if (console != null) {
        return new PasswordSource() {
          @Override
          public char[] read(String prompt) {
            return console.readPassword("%s", prompt);
          }

          @Override
          public boolean canConfirm() {
            return true;
          }
        };
      }
      return new PasswordSource() {
        @Override
        public char[] read(String prompt) throws IOException {
          String line = stdin.readLine();
          return line == null ? null : line.toCharArray();
        }

        @Override
        public boolean canConfirm() {
          return false;
        }
      };
    }
  }

  private final ServerConfig config;
  private final Clock clock;
  private final PrintStream out;
  private final PrintStream err;

  public CreateAdminCommand(ServerConfig config, Clock clock, PrintStream out, PrintStream err) {
    this.config = config;
    this.clock = clock;
    this.out = out;
    this.err = err;
  }

  /** Returns the process's exit status: 0 made, 2 wrong use, 1 refused. */
  public int run(List<String> args, PasswordSource passwords, String operator) throws IOException {
    if (args.size() != 2 || args.get(0).isBlank() || args.get(1).isBlank()) {
      err.println("Usage: cap-server " + NAME + " <username> \"<full name>\"");
      return 2;
    }
    String username = args.get(0).trim();
    String fullName = args.get(1).trim();
    if (!username.matches("[a-z0-9][a-z0-9._-]{1,63}")) {
      err.println(
          "A username is 2 to 64 lower-case letters, digits, dots, dashes or underscores,"
              + " starting with a letter or digit.");
      return 2;
    }
    if (fullName.length() > 200) {
      err.println("The full name must be 200 characters or fewer.");
      return 2;
    }
    char[] password = passwords.read("Password for " + username + ": ");
    try {
      if (password == null) {
        err.println("No password was given. Nothing was changed.");
        return 1;
      }
      // The same rules as a password set from a one-time link (ASVS 2.1).
      Optional<String> problem = PasswordRules.problem(new String(password), username);
      if (problem.isPresent()) {
        err.println(problem.get() + ". Nothing was changed.");
        return 1;
      }
      if (passwords.canConfirm()) {
        char[] again = passwords.read("The same password again: ");
        boolean same = again != null && Arrays.equals(password, again);
        if (again != null) {
          Arrays.fill(again, ' ');
        }
        if (!same) {
          err.println("The two passwords are different. Nothing was changed.");
          return 1;
        }
      }
      DataDirectory.prepare(config.dataDir());
      Database opened;
      try {
        opened =
            Database.open(
                config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword(), config.dataDir());
      } catch (RuntimeException e) {
        err.println(
            "The database could not be opened, so nothing was changed: "
                + rootMessage(e)
                + "\nOn the embedded database, stop the server first (sudo systemctl stop"
                + " cap-server): only one program at a time can open it.");
        return 1;
      }
      try (Database database = opened) {
        StaffRepository staff =
            new StaffRepository(database.jdbi(), new Ids(), clock, new PasswordHasher());
        if (staff.displayNameOf(username).isPresent()) {
          err.println(
              "Someone already has the username "
                  + username
                  + ". Choose another, or change that person from the console's staff page.");
          return 1;
        }
        StaffMember admin =
            staff.create(username, fullName, Role.ADMIN, Set.of(), new String(password));
        new AuditLog(database.jdbi(), clock)
            .record(
                "command-line:" + operator,
                "staff.created",
                null,
                admin.auditName(),
                "role ADMIN; reason: first administrator, made with cap-server " + NAME);
        out.println(
            fullName
                + " ("
                + username
                + ") is an administrator. Start the server and sign in to the console to add"
                + " everyone else.");
        return 0;
      }
    } finally {
      if (password != null) {
        Arrays.fill(password, ' ');
      }
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    String message = String.valueOf(cause.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
