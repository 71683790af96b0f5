package uk.gov.council.cap.server.artefacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.db.Ids;

/**
 * With no keystore configured, a self-signed seal is made once and reused; a wrong path is refused
 * plainly.
 */
class SealSetupTest {
  @TempDir Path dir;

  @Test
  void withoutAKeystoreASelfSignedSealIsMadeOnceAndReusedAfterARestart() throws Exception {
    ServerConfig config = ServerConfig.defaults().withDataDir(dir);
    SealSetup.Opened first = SealSetup.open(config, new Ids(), Clock.system());
    assertThat(first.selfSigned()).isTrue();
    assertThat(first.seal().certificate().getSubjectX500Principal().getName())
        .contains("self-signed demo");
    SealSetup.Opened again = SealSetup.open(config, new Ids(), Clock.system());
    assertThat(again.seal().certificate()).isEqualTo(first.seal().certificate());
    assertThat(Files.readString(dir.resolve("seal/self-signed-seal.password")).trim()).hasSize(48);
    first.seal().close();
    again.seal().close();
  }

  @Test
  void aConfiguredKeystoreThatDoesNotExistIsRefusedNamingIt() {
    ServerConfig config =
        ServerConfig.defaults()
            .withDataDir(dir)
            .withDocuments(
                new ServerConfig.Documents(
                    "C",
                    Optional.of(dir.resolve("missing.p12")),
                    "pw",
                    Optional.empty(),
                    Optional.empty()));
    assertThatThrownBy(() -> SealSetup.open(config, new Ids(), Clock.system()))
        .hasMessageContaining("missing.p12")
        .hasMessageContaining("does not exist");
  }
}
