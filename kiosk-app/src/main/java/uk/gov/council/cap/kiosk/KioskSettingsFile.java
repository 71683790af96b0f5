package uk.gov.council.cap.kiosk;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The kiosk's settings file: {@code CAP_*} keys, the same names as the environment variables,
 * written by {@code provisioning enrol} and read by kiosk-app at start. It holds the kiosk's
 * secret, so it is readable by its owner only (0600) and replaced atomically, never half-written.
 */
public final class KioskSettingsFile {
  private KioskSettingsFile() {}

  public static Map<String, String> read(Path file) {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException(
          "There is no kiosk settings file at "
              + file.toAbsolutePath()
              + ". Enrol the kiosk first: provisioning enrol --server URL --token TOKEN");
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the kiosk settings file " + file.toAbsolutePath(), e);
    }
    Map<String, String> out = new TreeMap<>();
    p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
    return out;
  }

  public static void write(Path file, Map<String, String> settings, String comment)
      throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Properties p = new Properties();
    settings.forEach(p::setProperty);
    StringWriter text = new StringWriter();
    p.store(text, comment);
    Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    try {
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(tmp);
    }
    Files.writeString(tmp, text.toString(), StandardCharsets.UTF_8);
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
