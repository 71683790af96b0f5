package uk.gov.council.cap.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * The one database connection pool, migrated on start. H2 in a file under the data directory by
 * default; PostgreSQL when a JDBC URL is given. Both run the same migrations and repositories.
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
        String url = jdbcUrl == null || jdbcUrl.isBlank()
                ? "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("db").resolve("cap")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                : jdbcUrl;
        String vendor = url.startsWith("jdbc:postgresql:") ? "postgresql" : url.startsWith("jdbc:h2:") ? "h2" : null;
        if (vendor == null) {
            throw new IllegalArgumentException("Unsupported database URL (use H2 or PostgreSQL): " + url);
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(url);
        if (user != null && !user.isBlank()) {
            hikari.setUsername(user);
            hikari.setPassword(password);
        }
        hikari.setMaximumPoolSize(10);
        hikari.setPoolName("cap-db");
        HikariDataSource ds = new HikariDataSource(hikari);
        List<String> locations = new ArrayList<>(List.of("classpath:db/migration", "classpath:db/vendor/" + vendor));
        Flyway.configure().dataSource(ds).locations(locations.toArray(String[]::new)).load().migrate();
        return new Database(ds, vendor);
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
