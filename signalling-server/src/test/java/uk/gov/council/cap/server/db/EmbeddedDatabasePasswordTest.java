package uk.gov.council.cap.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.council.cap.server.CapServer;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.customers.CustomerInput;
import uk.gov.council.cap.server.customers.CustomerRepository;

/**
 * The embedded H2 database has a password of its own (ADR 0028), and a database made without one is
 * given it.
 */
class EmbeddedDatabasePasswordTest {
  /**
   * The URL every version has used for the embedded database, as an H2 tool would open the file.
   */
  private static String url(Path dataDir) {
    return "jdbc:h2:retry:"
        + dataDir.toAbsolutePath().resolve("db").resolve("cap")
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;IFEXISTS=TRUE";
  }

  @Test
  void aNewEmbeddedDatabaseOpensOnlyWithTheRandomPasswordKeptInAnOwnerOnlyFile(@TempDir Path dir)
      throws Exception {
    try (Database db = Database.open("", "", "", dir)) {
      int one = db.jdbi().withHandle(h -> h.createQuery("select 1").mapTo(Integer.class).one());
      assertThat(one).isEqualTo(1);
    }
    Path file = dir.resolve("db").resolve(EmbeddedCredentials.PASSWORD_FILE);
    String password = Files.readString(file).strip();
    assertThat(password).matches("[0-9a-f]{48}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");

    assertThat(refusal(() -> DriverManager.getConnection(url(dir), "", ""))).isEqualTo(28000);
    assertThat(refusal(() -> DriverManager.getConnection(url(dir), "sa", ""))).isEqualTo(28000);
    assertThat(refusal(() -> DriverManager.getConnection(url(dir), "cap", "guess")))
        .isEqualTo(28000);
    try (Connection c = DriverManager.getConnection(url(dir), "cap", password)) {
      assertThat(c.isValid(1)).isTrue();
    }

    // The same password on the next start: the file is read, not made again.
    try (Database again = Database.open("", "", "", dir)) {
      assertThat(again.vendor()).isEqualTo("h2");
    }
    assertThat(Files.readString(file).strip()).isEqualTo(password);
  }

  @Test
  void aPasswordLessDatabaseFromAnEarlierVersionIsGivenAPasswordOnStartAndKeepsItsData(
      @TempDir Path dir) throws Exception {
    // The old way (before ADR 0028): the same file, migrated, with no user name and no password; a
    // customer in it.
    JdbcDataSource old = new JdbcDataSource();
    old.setURL(url(dir).replace(";IFEXISTS=TRUE", ""));
    Flyway.configure()
        .dataSource(old)
        .locations("classpath:db/migration", "classpath:db/vendor/h2")
        .load()
        .migrate();
    String customerId =
        new CustomerRepository(Jdbi.create(old), new Ids(), Clock.system())
            .create(
                new CustomerInput(
                    "Margaret", "Oneill", null, null, null, null, null, null, null, true),
                "staff-1")
            .id();
    assertThat(dir.resolve("db").resolve(EmbeddedCredentials.PASSWORD_FILE)).doesNotExist();

    // The new server starts on it: the customer is there, and the database now has a password.
    CapServer server = CapServer.start(ServerConfig.defaults().withPort(0).withDataDir(dir));
    try {
      assertThat(server.repositories().customers().find(customerId)).isPresent();
    } finally {
      server.close();
    }
    assertThat(refusal(() -> DriverManager.getConnection(url(dir), "", ""))).isEqualTo(28000);
    String password =
        Files.readString(dir.resolve("db").resolve(EmbeddedCredentials.PASSWORD_FILE)).strip();
    try (Connection c = DriverManager.getConnection(url(dir), "cap", password)) {
      assertThat(c.isValid(1)).isTrue();
    }

    // And it starts again on the upgraded database, with the same data.
    CapServer again = CapServer.start(ServerConfig.defaults().withPort(0).withDataDir(dir));
    try {
      assertThat(again.repositories().customers().find(customerId)).isPresent();
    } finally {
      again.close();
    }
  }

  @Test
  void aConfiguredPasswordIsUsedInsteadOfTheFile(@TempDir Path dir) throws Exception {
    try (Database db = Database.open("", "", "chosen by the council", dir)) {
      assertThat(db.vendor()).isEqualTo("h2");
    }
    assertThat(dir.resolve("db").resolve(EmbeddedCredentials.PASSWORD_FILE)).doesNotExist();
    try (Connection c = DriverManager.getConnection(url(dir), "cap", "chosen by the council")) {
      assertThat(c.isValid(1)).isTrue();
    }
    assertThatThrownBy(() -> Database.open("", "", "another one", dir))
        .hasMessageContaining("refused its user name and password")
        .hasMessageContaining("CAP_JDBC_PASSWORD")
        .hasMessageNotContaining("another one");
  }

  private interface Connect {
    Connection open() throws SQLException;
  }

  private static int refusal(Connect connect) {
    try (Connection c = connect.open()) {
      return 0;
    } catch (SQLException e) {
      return e.getErrorCode();
    }
  }
}
