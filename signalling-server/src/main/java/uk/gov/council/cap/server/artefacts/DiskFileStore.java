package uk.gov.council.cap.server.artefacts;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import uk.gov.council.cap.server.DataDirectory;

/**
 * Files under a directory, readable by the server's user alone (folders 0700, files 0600). Each
 * write goes to a temporary file first, is forced to the disk and moved into place, and the folder
 * is forced too: when {@link #put} returns, the file survives a crash or a power cut (the database
 * row that points at it is committed after it), and no reader ever sees half a file.
 */
public final class DiskFileStore implements FileStore {
  private final Path root;

  public DiskFileStore(Path root) throws IOException {
    this.root = DataDirectory.privateDirectory(root).toRealPath();
  }

  @Override
  public void put(String key, byte[] bytes) throws IOException {
    Path target = resolve(key);
    Path folder = privateFolders(target.getParent());
    Path temp = folder.resolve(".incoming-" + UUID.randomUUID() + ".tmp");
    try {
      try (FileChannel out =
          DataDirectory.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      forceFolder(folder);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public byte[] get(String key) throws IOException {
    return Files.readAllBytes(resolve(key));
  }

  @Override
  public void delete(String key) throws IOException {
    Files.deleteIfExists(resolve(key));
  }

  /** Each folder from the root down to {@code folder}, made owner-only where it is new. */
  private Path privateFolders(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      if (!folder.equals(root)) {
        privateFolders(folder.getParent());
      }
      DataDirectory.privateDirectory(folder);
    }
    return folder;
  }

  /**
   * Makes the folder's entry for a moved file durable (Linux needs the folder itself synced for
   * that).
   */
  static void forceFolder(Path folder) {
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException notSupported) {
      // Some systems (Windows) cannot open a folder as a channel; their file systems journal the
      // move themselves.
    }
  }

  private Path resolve(String key) throws IOException {
    if (!key.matches("[A-Za-z0-9][A-Za-z0-9._/-]{0,299}") || key.contains("..")) {
      throw new IOException("Not a valid storage key: " + key);
    }
    return root.resolve(key);
  }
}
