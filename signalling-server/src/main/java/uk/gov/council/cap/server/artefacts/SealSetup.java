package uk.gov.council.cap.server.artefacts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.council.cap.documents.seal.CouncilSeal;
import uk.gov.council.cap.documents.seal.SealKeystore;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.DataDirectory;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.db.Ids;

/**
 * Opens the council's seal from configuration, or makes (once) and reuses a self-signed demo seal.
 */
public final class SealSetup {
  private static final Logger LOG = LoggerFactory.getLogger(SealSetup.class);

  private SealSetup() {}

  /** The opened seal, and whether it is the self-signed demo one. */
  public record Opened(CouncilSeal seal, boolean selfSigned) {}

  /**
   * {@code clock} is the server's: a self-signed seal is made valid from its now, when the seals it
   * makes are dated.
   */
  public static Opened open(ServerConfig config, Ids ids, Clock clock) {
    ServerConfig.Documents d = config.documents();
    try {
      if (d.sealKeystore().isPresent()) {
        SealKeystore keystore =
            new SealKeystore(d.sealKeystore().get(), d.sealPassword().toCharArray());
        if (!keystore.exists())
          throw new IllegalStateException(
              "CAP_SEAL_KEYSTORE names " + keystore.file() + ", which does not exist");
        return new Opened(
            new CouncilSeal(keystore, d.timeStampAuthority(), d.councilName()), false);
      }
      Path dir = config.dataDir().resolve("seal");
      Path passwordFile = dir.resolve("self-signed-seal.password");
      SealKeystore keystore;
      if (Files.isRegularFile(passwordFile)) {
        keystore =
            new SealKeystore(
                dir.resolve("self-signed-seal.p12"),
                Files.readString(passwordFile).trim().toCharArray());
      } else {
        // Owner-only from the start: the folder before the key is written into it, the password
        // file as it is made.
        DataDirectory.privateDirectory(dir);
        String password = HexFormat.of().formatHex(ids.randomBytes(24));
        DataDirectory.writePrivate(passwordFile, password.getBytes(StandardCharsets.US_ASCII));
        keystore = new SealKeystore(dir.resolve("self-signed-seal.p12"), password.toCharArray());
        keystore.generateSelfSigned(d.councilName(), clock.now());
      }
      // The keystore is written by the documents module with the process's umask; narrowed here, as
      // on every start.
      DataDirectory.narrow(dir);
      DataDirectory.narrow(passwordFile);
      DataDirectory.narrow(keystore.file());
      LOG.warn(
          "Forms are sealed with a SELF-SIGNED demo certificate ({}). Set CAP_SEAL_KEYSTORE to the council's "
              + "sealing certificate before real use.",
          keystore.file().toAbsolutePath());
      return new Opened(new CouncilSeal(keystore, d.timeStampAuthority(), d.councilName()), true);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not open the council's sealing key: " + e.getMessage(), e);
    }
  }
}
