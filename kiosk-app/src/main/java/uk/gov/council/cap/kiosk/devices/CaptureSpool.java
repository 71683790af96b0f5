package uk.gov.council.cap.kiosk.devices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's working folder for what it captures: a scanned page is written here (owner-only) from
 * capture until the server acknowledges it, so nothing of a resident lingers in memory or on disk
 * afterwards. {@link #wipe} empties the folder between residents.
 */
public final class CaptureSpool {
  private static final Logger LOG = LoggerFactory.getLogger(CaptureSpool.class);
  private final Path dir;

  public CaptureSpool(Path workDir) {
    this.dir = workDir.resolve("pending");
    try {
      Files.createDirectories(dir);
      // A resident's pages pass through here: owner-only however the umask was set, and narrowed if
      // an earlier
      // version made the folders readable to others.
      ownerOnly(workDir, "rwx------");
      ownerOnly(dir, "rwx------");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot create the kiosk's work folder " + dir.toAbsolutePath(), e);
    }
  }

  public Path hold(String name, byte[] bytes) {
    Path file = dir.resolve(name.replaceAll("[^A-Za-z0-9_-]", "_") + ".jpg");
    try {
      Files.deleteIfExists(file);
      try {
        // Created owner-only, so the page is never readable to others, not even between writing and
        // narrowing.
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        // Windows (development only): the folder's own permissions apply.
        Files.createFile(file);
      }
      Files.write(file, bytes);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write to the kiosk's work folder " + dir.toAbsolutePath(), e);
    }
  }

  private static void ownerOnly(Path path, String mode) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
    } catch (UnsupportedOperationException notPosix) {
      // Windows (development only).
    }
  }

  public void release(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("Could not delete {}: {}", file, e.getMessage());
    }
  }

  /** Deletes everything in the work folder; returns how many files went. */
  public int wipe() {
    int deleted = 0;
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(dir)) {
          Files.deleteIfExists(p);
          deleted++;
        }
      }
    } catch (IOException e) {
      LOG.error("Could not empty the kiosk's work folder {}", dir.toAbsolutePath(), e);
    }
    return deleted;
  }

  public Path folder() {
    return dir;
  }
}
