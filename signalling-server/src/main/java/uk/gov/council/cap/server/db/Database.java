package uk.gov.council.cap.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import uk.gov.council.cap.server.DataDirectory;

/**
 * The one database connection pool, migrated on start. H2 in a file under the data directory by
 * default; PostgreSQL when a JDBC URL is given. Both run the same migrations and repositories.
 *
 * <p>H2 writes every commit to its file before the commit returns ({@code WRITE_DELAY=0}), so
 * whatever the server has acknowledged survives {@code kill -9}: by default H2 would hold commits
 * in memory for up to half a second. Its file is opened through H2's {@code retry:} file system, so
 * a thread interrupted while committing (executors stopped with {@code shutdownNow} at shutdown)
 * cannot close the file under everyone else (ADR 0026).
 *
 * <p>The embedded database has a password, random per installation and kept in a file only the
 * server's user can read ({@link EmbeddedCredentials}); one made by an earlier version without a
 * password is given it on start.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final String vendor;

  private Database(HikariDataSource dataSource, String vendor) {
    this.dataSource = dataSource;
    this.vendor = vendor;
    this.jdbi = Jdbi.create(dataSource);
  }

  public static Database open(String jdbcUrl, String user, String password, Path dataDir) {
    boolean embedded = jdbcUrl == null || jdbcUrl.isBlank();
    String url =
        embedded
            ? "jdbc:h2:retry:"
                + dataDir.toAbsolutePath().resolve("db").resolve("cap")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                // H2's own error log goes to the server's log (SLF4J), not to a cap.trace.db file
                // H2 would make
                // with the umask's permissions.
                + ";TRACE_LEVEL_FILE=4"
            : jdbcUrl;
    String vendor =
        url.startsWith("jdbc:postgresql:")
            ? "postgresql"
            : url.startsWith("jdbc:h2:") ? "h2" : null;
    if (vendor == null) {
      throw new IllegalArgumentException("Unsupported database URL (use H2 or PostgreSQL): " + url);
    }
    if (vendor.equals("h2")) {
      url = durableH2(url);
    }
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(url);
    EmbeddedCredentials embeddedCredentials = null;
    if (embedded) {
      boolean existed = Files.exists(dataDir.resolve("db").resolve("cap.mv.db"));
      embeddedCredentials = EmbeddedCredentials.of(user, password, dataDir);
      if (existed && embeddedCredentials.newlyMade()) {
        // A database made by a version before passwords (ADR 0028) opens only without one: give it
        // its password.
        embeddedCredentials.upgradePasswordless(url);
      }
      hikari.setUsername(embeddedCredentials.user());
      hikari.setPassword(embeddedCredentials.password());
    } else if (user != null && !user.isBlank()) {
      hikari.setUsername(user);
      hikari.setPassword(password);
    }
    hikari.setMaximumPoolSize(10);
    hikari.setPoolName("cap-db");
    HikariDataSource ds;
    try {
      ds = new HikariDataSource(hikari);
    } catch (HikariPool.PoolInitializationException e) {
      if (embeddedCredentials != null && EmbeddedCredentials.refused(e)) {
        throw new IllegalStateException(
            "The embedded database refused its user name and password. The password "
                + "is in "
                + embeddedCredentials.source()
                + "; if it was changed, put back the one the database "
                + "was made with (a backup of the data directory has it).",
            e);
      }
      throw e;
    }
    if (embedded) {
      // H2 makes its files with the process's umask; the directory is the owner's alone, and so are
      // the files.
      try {
        DataDirectory.narrowTree(dataDir.resolve("db"));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(
            "Cannot restrict the database files to the server's user", e);
      }
    }
    List<String> locations =
        new ArrayList<>(List.of("classpath:db/migration", "classpath:db/vendor/" + vendor));
    Flyway.configure().dataSource(ds).locations(locations.toArray(String[]::new)).load().migrate();
    return new Database(ds, vendor);
  }

  /**
   * The H2 URL with {@code WRITE_DELAY=0} unless it names a write delay itself: each commit is
   * written to the database file (the operating system's cache) before it returns, instead of by a
   * background thread up to 500 ms later. A killed process then loses nothing it confirmed; a power
   * cut can still lose what the disk had not flushed (ADR 0026: use PostgreSQL where that matters).
   * Since committing threads now write the file themselves, a plain {@code file:} database is
   * opened through {@code retry:}: with a plain file channel, one interrupted commit closes the
   * channel and H2 stops the whole database.
   */
  static String durableH2(String url) {
    String durable =
        url.startsWith("jdbc:h2:file:")
            ? "jdbc:h2:retry:" + url.substring("jdbc:h2:file:".length())
            : url;
    return durable.toUpperCase(java.util.Locale.ROOT).contains(";WRITE_DELAY=")
        ? durable
        : durable + ";WRITE_DELAY=0";
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public String vendor() {
    return vendor;
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
