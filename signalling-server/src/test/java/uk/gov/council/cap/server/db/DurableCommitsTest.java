package uk.gov.council.cap.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The embedded H2 default writes each commit before it returns (ADR 0026); the kill -9 proof is
 * ServerCrashTest.
 */
class DurableCommitsTest {
  @Test
  void theEmbeddedDatabaseHasNoWriteDelay() throws Exception {
    try (Database db = Database.open("", "", "", Files.createTempDirectory("cap-durable"))) {
      String delay =
          db.jdbi()
              .withHandle(
                  h ->
                      h.createQuery(
                              "select setting_value from information_schema.settings where setting_name = 'WRITE_DELAY'")
                          .mapTo(String.class)
                          .one());
      assertThat(delay).isEqualTo("0");
    }
  }

  @Test
  void aThreadInterruptedWhileCommittingDoesNotStopTheDatabase() throws Exception {
    Path dir = Files.createTempDirectory("cap-durable");
    try (Database db = Database.open("", "", "", dir)) {
      db.jdbi().useHandle(h -> h.execute("create table interrupted (id bigint primary key)"));
      for (int round = 0; round < 20; round++) {
        long base = round * 1000L;
        CountDownLatch writing = new CountDownLatch(1);
        Thread writer =
            new Thread(
                () -> {
                  try {
                    for (int i = 0; i < 50; i++) {
                      long id = base + i;
                      db.jdbi().useHandle(h -> h.execute("insert into interrupted values (?)", id));
                      writing.countDown();
                    }
                  } catch (RuntimeException expected) {
                    // this thread's own statement may fail; the database must not
                  } finally {
                    writing.countDown();
                  }
                });
        writer.start();
        writing.await(10, TimeUnit.SECONDS);
        writer.interrupt();
        writer.join(10_000);
      }
      int stored =
          db.jdbi()
              .withHandle(
                  h ->
                      h.createQuery("select count(*) from interrupted").mapTo(Integer.class).one());
      assertThat(stored).isPositive();
      db.jdbi().useHandle(h -> h.execute("insert into interrupted values (-1)"));
    }
  }

  @Test
  void anH2UrlGivenByTheOperatorGetsTheSameTreatmentUnlessItNamesAWriteDelay() {
    assertThat(Database.durableH2("jdbc:h2:file:/srv/cap/db"))
        .isEqualTo("jdbc:h2:retry:/srv/cap/db;WRITE_DELAY=0");
    assertThat(Database.durableH2("jdbc:h2:retry:/srv/cap/db;write_delay=100"))
        .isEqualTo("jdbc:h2:retry:/srv/cap/db;write_delay=100");
    assertThat(Database.durableH2("jdbc:h2:mem:test")).isEqualTo("jdbc:h2:mem:test;WRITE_DELAY=0");
  }
}
