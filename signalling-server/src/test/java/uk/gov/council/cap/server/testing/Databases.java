package uk.gov.council.cap.server.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import uk.gov.council.cap.server.db.Database;

/**
 * The two databases the server supports, for tests that must pass on both: the embedded H2 default
 * and a real PostgreSQL (zonky's embedded binaries, no installed server needed).
 */
public enum Databases {
  H2,
  POSTGRESQL;

  private static EmbeddedPostgres postgres;

  public static Stream<Databases> both() {
    return Stream.of(values());
  }

  /** A fresh, migrated, empty database of this kind. */
  public Database open() {
    try {
      if (this == H2) {
        return Database.open("", "", "", Files.createTempDirectory("cap-h2"));
      }
      String name = "cap_" + UUID.randomUUID().toString().replace("-", "");
      try (Connection c = postgres().getPostgresDatabase().getConnection()) {
        c.createStatement().execute("create database " + name);
      }
      return Database.open(
          postgres().getJdbcUrl("postgres", name), "postgres", "", Path.of("unused"));
    } catch (IOException | SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** JDBC settings for a fresh PostgreSQL database, for starting a whole server on it. */
  public static String freshPostgresUrl() {
    try {
      String name = "cap_" + UUID.randomUUID().toString().replace("-", "");
      try (Connection c = postgres().getPostgresDatabase().getConnection()) {
        c.createStatement().execute("create database " + name);
      }
      return postgres().getJdbcUrl("postgres", name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static synchronized EmbeddedPostgres postgres() {
    // PostgreSQL refuses to run as root; .ci/run runs the build as an unprivileged user.
    Assumptions.assumeFalse(
        "root".equals(System.getProperty("user.name")),
        "PostgreSQL will not run as root: run the tests as an ordinary user (as .ci/run does)");
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new IllegalStateException("Embedded PostgreSQL did not start", e);
      }
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      postgres.close();
                    } catch (IOException ignored) {
                      // The JVM is exiting anyway.
                    }
                  }));
    }
    return postgres;
  }
}
