package uk.gov.council.cap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.council.cap.server.artefacts.DiskFileStore;
import uk.gov.council.cap.server.demo.DemoData;
import uk.gov.council.cap.server.mail.Email;
import uk.gov.council.cap.server.mail.OutboxMailer;

/**
 * Nothing in the data directory is readable by anyone but the server's user (ADR 0028): made so,
 * whatever the umask (the test JVM's is the usual 022, which would give 0644 and 0755), and
 * narrowed on start when an earlier version left it open.
 */
class DataDirectoryTest {
  @Test
  void everythingTheServerWritesIsItsUsersAlone(@TempDir Path parent) throws Exception {
    Path dir = parent.resolve("cap-data");
    CapServer server =
        CapServer.start(ServerConfig.defaults().withPort(0).withDataDir(dir).withDemo(true));
    try {
      DemoData.ensure(server.repositories(), dir);
      new DiskFileStore(dir.resolve("files")).put("cases/case-1/doc-1.pdf", "%PDF-1.7".getBytes());
      new OutboxMailer(dir.resolve("outbox"), "no-reply@council.example")
          .send(
              new Email(
                  "mag@example.com",
                  "Your receipt",
                  "Thank you.",
                  "receipt.pdf",
                  "application/pdf",
                  "%PDF-1.7".getBytes()));
    } finally {
      server.close();
    }
    assertThat(mode(dir)).isEqualTo("rwx------");
    assertThat(openToOthers(dir)).as("files and folders others can read").isEmpty();
    assertThat(mode(dir.resolve("demo.properties"))).isEqualTo("rw-------");
    assertThat(mode(dir.resolve("db/cap.mv.db"))).isEqualTo("rw-------");
    assertThat(mode(dir.resolve("seal/self-signed-seal.p12"))).isEqualTo("rw-------");
    assertThat(mode(dir.resolve("files/cases/case-1/doc-1.pdf"))).isEqualTo("rw-------");
    assertThat(mode(dir.resolve("files/cases/case-1"))).isEqualTo("rwx------");
    try (Stream<Path> mails = Files.list(dir.resolve("outbox"))) {
      assertThat(mails.map(DataDirectoryTest::mode).toList()).containsExactly("rw-------");
    }
  }

  @Test
  void filesAnEarlierVersionLeftReadableAreNarrowedOnStart(@TempDir Path parent) throws Exception {
    Path dir = parent.resolve("cap-data");
    CapServer first = CapServer.start(ServerConfig.defaults().withPort(0).withDataDir(dir));
    DemoData.ensure(first.repositories(), dir);
    first.close();
    new DiskFileStore(dir.resolve("files")).put("cases/case-1/doc-1.pdf", "%PDF-1.7".getBytes());
    // As an earlier version left them: everything readable by everyone.
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.toList()) {
        Files.setPosixFilePermissions(
            p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
      }
    }
    // Something of the operator's own next to the data is left as it is.
    Path own = Files.writeString(dir.resolve("README.txt"), "Our notes");
    Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rw-r--r--"));

    CapServer again = CapServer.start(ServerConfig.defaults().withPort(0).withDataDir(dir));
    again.close();
    List<Path> open = openToOthers(dir);
    assertThat(open).containsExactly(own);
    assertThat(mode(dir)).isEqualTo("rwx------");
  }

  @Test
  void newFilesAreOwnerOnlyEvenWhereTheyReplaceAReadableOne(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("secret"), "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
    DataDirectory.writePrivate(file, "new".getBytes());
    assertThat(mode(file)).isEqualTo("rw-------");
    assertThat(Files.readString(file)).isEqualTo("new");
    assertThat(mode(DataDirectory.privateDirectory(dir.resolve("a/b")))).isEqualTo("rwx------");
  }

  private static List<Path> openToOthers(Path dir) throws IOException {
    List<Path> open = new ArrayList<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.toList()) {
        String m = mode(p);
        if (!m.endsWith("------")) {
          open.add(p);
        }
      }
    }
    return open;
  }

  private static String mode(Path p) {
    try {
      return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
