package uk.gov.council.cap.server.artefacts;

import java.io.IOException;

/**
 * Where artefact bytes live. On disk by default; an S3-compatible store is the scale path (ADR
 * 0013).
 */
public interface FileStore {
  /** Stores the bytes under the key, all or nothing. */
  void put(String key, byte[] bytes) throws IOException;

  byte[] get(String key) throws IOException;

  void delete(String key) throws IOException;

  /**
   * Deletes if it can; a file left behind is logged by the caller's store and holds nothing that is
   * still used.
   */
  default void deleteQuietly(String key) {
    if (key == null) return;
    try {
      delete(key);
    } catch (IOException e) {
      org.slf4j.LoggerFactory.getLogger(FileStore.class).warn("Could not delete {}", key);
    }
  }
}
