package uk.gov.council.cap.server.artefacts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Files under a directory. Each write goes to a temporary file first and is moved into place, so no half files. */
public final class DiskFileStore implements FileStore {
  private final Path root;

  public DiskFileStore(Path root) throws IOException {
    this.root = Files.createDirectories(root).toRealPath();
  }

  @Override
  public void put(String key, byte[] bytes) throws IOException {
    Path target = resolve(key);
    Files.createDirectories(target.getParent());
    Path temp = Files.createTempFile(target.getParent(), ".incoming-", ".tmp");
    try {
      Files.write(temp, bytes);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
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

  private Path resolve(String key) throws IOException {
    if (!key.matches("[A-Za-z0-9][A-Za-z0-9._/-]{0,299}") || key.contains("..")) {
      throw new IOException("Not a valid storage key: " + key);
    }
    return root.resolve(key);
  }
}
