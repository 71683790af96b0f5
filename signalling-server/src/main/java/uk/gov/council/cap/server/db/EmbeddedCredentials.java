package uk.gov.council.cap.server.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.council.cap.server.DataDirectory;

/**
 * The embedded H2 database's user name and password. Without {@code CAP_JDBC_PASSWORD}, the
 * password is random, made on the first start and kept in {@code <data dir>/db/cap.password}
 * (0600), so anyone who can read the database file but not that one (a copied backup of the file
 * alone, another local user) cannot open it with H2's tools. The password is never printed.
 */
final class EmbeddedCredentials {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCredentials.class);
  static final String DEFAULT_USER = "cap";
  static final String PASSWORD_FILE = "cap.password";

  /** H2's "Wrong user name or password". */
  private static final int WRONG_USER_OR_PASSWORD = 28000;

  private final String user;
  private final String password;
  private final String source;
  private final boolean newlyMade;

  private EmbeddedCredentials(String user, String password, String source, boolean newlyMade) {
    this.user = user;
    this.password = password;
    this.source = source;
    this.newlyMade = newlyMade;
  }

  /**
   * The configured user and password, or {@value #DEFAULT_USER} and the password kept in the data
   * directory.
   */
  static EmbeddedCredentials of(String configuredUser, String configuredPassword, Path dataDir) {
    String user =
        configuredUser == null || configuredUser.isBlank() ? DEFAULT_USER : configuredUser.strip();
    if (configuredPassword != null && !configuredPassword.isBlank()) {
      return new EmbeddedCredentials(user, configuredPassword, "CAP_JDBC_PASSWORD", false);
    }
    try {
      Path file = DataDirectory.privateDirectory(dataDir.resolve("db")).resolve(PASSWORD_FILE);
      String password;
      boolean made = false;
      if (Files.isRegularFile(file)) {
        password = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (password.isEmpty()) {
          throw new IllegalStateException(
              file.toAbsolutePath()
                  + " is empty. It held the embedded database's "
                  + "password: restore it from a backup of the data directory, or set CAP_JDBC_PASSWORD.");
        }
        DataDirectory.narrow(file);
      } else {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        password = HexFormat.of().formatHex(random);
        DataDirectory.writePrivate(file, (password + "\n").getBytes(StandardCharsets.US_ASCII));
        made = true;
      }
      return new EmbeddedCredentials(user, password, file.toAbsolutePath().toString(), made);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read or make the embedded database's password in " + dataDir, e);
    }
  }

  String user() {
    return user;
  }

  String password() {
    return password;
  }

  /** Whether the password was made just now: a database already there was made before passwords. */
  boolean newlyMade() {
    return newlyMade;
  }

  /** Where the password comes from, for a message (never the password itself). */
  String source() {
    return source;
  }

  /** Whether the database refused the user name or password (somewhere in the causes). */
  static boolean refused(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql
          && (sql.getErrorCode() == WRONG_USER_OR_PASSWORD || "28000".equals(sql.getSQLState()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * A database made before it had a password (H2's user "" or "SA", no password) is given this user
   * name and password, keeping all its data; the old way in stops working. False when it does not
   * open the old way either.
   */
  boolean upgradePasswordless(String url) {
    for (String oldUser : List.of("", "sa")) {
      // IFEXISTS: never make a new, password-less database here.
      try (Connection c = DriverManager.getConnection(url + ";IFEXISTS=TRUE", oldUser, "")) {
        String current;
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("select current_user")) {
          rs.next();
          current = rs.getString(1);
        }
        // H2 keeps user names in capitals (it capitalises the name a connection gives).
        String upper = user.toUpperCase(Locale.ROOT);
        try (Statement s = c.createStatement()) {
          if (!current.equals(upper)) {
            s.execute("alter user " + quoted(current) + " rename to " + quoted(upper));
          }
        }
        try (PreparedStatement p =
            c.prepareStatement("alter user " + quoted(upper) + " set password ?")) {
          p.setString(1, password);
          p.execute();
        }
        LOG.warn(
            "The embedded database had no password (made by an earlier version). It now has one, kept in {}; "
                + "H2's tools need it (user {}) to open the database.",
            source,
            user);
        return true;
      } catch (SQLException notThisWay) {
        LOG.debug(
            "The embedded database does not open as user '{}' without a password: {}",
            oldUser,
            notThisWay.getMessage());
      }
    }
    return false;
  }

  private static String quoted(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  @Override
  public String toString() {
    return "EmbeddedCredentials[user=" + user + ", password from " + source + "]";
  }
}
