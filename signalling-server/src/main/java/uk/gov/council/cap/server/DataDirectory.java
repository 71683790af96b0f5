package uk.gov.council.cap.server;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The data directory holds residents' case files, the database, the seal's key and passwords:
 * nobody but the server's own user may read it. Directories are made {@code 0700} and files {@code
 * 0600} as they are created (the permissions are given to the create call and then set again
 * explicitly, so a permissive umask cannot widen them), and on every start the files an earlier
 * version left readable to others are narrowed. Where the file system has no POSIX permissions
 * (Windows), the folder's own access list applies and nothing here changes.
 */
public final class DataDirectory {
  public static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  public static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      PosixFilePermissions.fromString("rw-------");

  /**
   * What the server writes under the data directory; only these are narrowed on start, never a
   * whole tree.
   */
  private static final List<String> SERVER_FOLDERS =
      List.of("db", "files", "seal", "outbox", "keys");

  private static final List<String> SERVER_FILES = List.of("demo.properties");

  private DataDirectory() {}

  /**
   * Creates the data directory (owner only) or narrows an existing one and what the server keeps in
   * it.
   */
  public static void prepare(Path dataDir) {
    try {
      privateDirectory(dataDir);
      for (String folder : SERVER_FOLDERS) {
        narrowTree(dataDir.resolve(folder));
      }
      for (String file : SERVER_FILES) {
        Path f = dataDir.resolve(file);
        if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
          narrow(f);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot prepare the data directory " + dataDir.toAbsolutePath(), e);
    }
  }

  /** Narrows a folder of the server's and everything in it (nothing when it does not exist). */
  public static void narrowTree(Path dir) throws IOException {
    if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> all = Files.walk(dir)) {
        all.forEach(DataDirectory::narrow);
      }
    }
  }

  /** A directory only its owner may enter: created so, or narrowed if it exists. Returns it. */
  public static Path privateDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Path parent = dir.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try {
        Files.createDirectory(dir, ownerOnly(OWNER_ONLY_DIRECTORY));
        setExactly(dir, OWNER_ONLY_DIRECTORY);
      } catch (FileAlreadyExistsException raced) {
        // made by another thread at the same moment: narrowed below
      } catch (UnsupportedOperationException noPosix) {
        Files.createDirectories(dir);
      }
    }
    narrow(dir);
    return dir;
  }

  /** Writes a file only its owner may read, replacing what was there. */
  public static void writePrivate(Path file, byte[] bytes) throws IOException {
    try (OutputStream out = newPrivateFile(file)) {
      out.write(bytes);
    }
  }

  /** A new file (or an emptied existing one) only its owner may read, open for writing. */
  public static OutputStream newPrivateFile(Path file) throws IOException {
    FileChannel channel =
        open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    return Channels.newOutputStream(channel);
  }

  /**
   * As {@link #newPrivateFile}, as a channel (to {@code force} it to the disk before it counts as
   * stored).
   */
  public static FileChannel open(Path file, StandardOpenOption... options) throws IOException {
    Set<StandardOpenOption> opts = EnumSet.noneOf(StandardOpenOption.class);
    opts.addAll(List.of(options));
    FileChannel channel;
    try {
      channel = FileChannel.open(file, opts, ownerOnly(OWNER_ONLY_FILE));
    } catch (UnsupportedOperationException noPosix) {
      return FileChannel.open(file, opts);
    }
    try {
      setExactly(file, OWNER_ONLY_FILE);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return channel;
  }

  /**
   * Takes away every permission of the group and of others (a file keeps {@code rw}, a directory
   * {@code rwx}).
   */
  public static void narrow(Path path) {
    try {
      Set<PosixFilePermission> now = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
      Set<PosixFilePermission> owner = EnumSet.noneOf(PosixFilePermission.class);
      for (PosixFilePermission p : now) {
        if (p == PosixFilePermission.OWNER_READ
            || p == PosixFilePermission.OWNER_WRITE
            || p == PosixFilePermission.OWNER_EXECUTE) {
          owner.add(p);
        }
      }
      if (!owner.equals(now)) {
        Files.setPosixFilePermissions(path, owner);
      }
    } catch (UnsupportedOperationException noPosix) {
      // Windows and the like: the folder's access list applies.
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot restrict " + path.toAbsolutePath() + " to its owner", e);
    }
  }

  private static void setExactly(Path path, Set<PosixFilePermission> permissions)
      throws IOException {
    try {
      Files.setPosixFilePermissions(path, permissions);
    } catch (UnsupportedOperationException noPosix) {
      // as above
    }
  }

  private static FileAttribute<Set<PosixFilePermission>> ownerOnly(
      Set<PosixFilePermission> permissions) {
    return PosixFilePermissions.asFileAttribute(permissions);
  }
}
