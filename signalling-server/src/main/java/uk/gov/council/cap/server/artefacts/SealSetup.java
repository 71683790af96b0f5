package uk.gov.council.cap.server.artefacts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.council.cap.documents.seal.CouncilSeal;
import uk.gov.council.cap.documents.seal.SealKeystore;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.db.Ids;

/** Opens the council's seal from configuration, or makes (once) and reuses a self-signed demo seal. */
public final class SealSetup {
  private static final Logger LOG = LoggerFactory.getLogger(SealSetup.class);

  private SealSetup() {}

  /** The opened seal, and whether it is the self-signed demo one. */
  public record Opened(CouncilSeal seal, boolean selfSigned) {}

  /** {@code clock} is the server's: a self-signed seal is made valid from its now, when the seals it makes are dated. */
  public static Opened open(ServerConfig config, Ids ids, Clock clock) {
    ServerConfig.Documents d = config.documents();
    try {
      if (d.sealKeystore().isPresent()) {
        SealKeystore keystore = new SealKeystore(d.sealKeystore().get(), d.sealPassword().toCharArray());
        if (!keystore.exists()) throw new IllegalStateException("CAP_SEAL_KEYSTORE names " + keystore.file() + ", which does not exist");
        return new Opened(new CouncilSeal(keystore, d.timeStampAuthority(), d.councilName()), false);
      }
      Path dir = config.dataDir().resolve("seal");
      Path passwordFile = dir.resolve("self-signed-seal.password");
      SealKeystore keystore;
      if (Files.isRegularFile(passwordFile)) {
        keystore = new SealKeystore(dir.resolve("self-signed-seal.p12"), Files.readString(passwordFile).trim().toCharArray());
      } else {
        Files.createDirectories(dir);
        String password = HexFormat.of().formatHex(ids.randomBytes(24));
        Files.writeString(passwordFile, password, StandardCharsets.US_ASCII);
        restrictToOwner(passwordFile);
        keystore = new SealKeystore(dir.resolve("self-signed-seal.p12"), password.toCharArray());
        keystore.generateSelfSigned(d.councilName(), clock.now());
        restrictToOwner(keystore.file());
      }
      LOG.warn("Forms are sealed with a SELF-SIGNED demo certificate ({}). Set CAP_SEAL_KEYSTORE to the council's "
          + "sealing certificate before real use.", keystore.file().toAbsolutePath());
      return new Opened(new CouncilSeal(keystore, d.timeStampAuthority(), d.councilName()), true);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not open the council's sealing key: " + e.getMessage(), e);
    }
  }

  private static void restrictToOwner(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | IOException ignored) {
      // Not a POSIX file system (Windows): the data directory's own permissions apply.
    }
  }
}
