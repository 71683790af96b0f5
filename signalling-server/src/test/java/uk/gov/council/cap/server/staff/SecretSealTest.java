package uk.gov.council.cap.server.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.gov.council.cap.server.db.Ids;

/** TOTP secrets are kept sealed: they open only with the same key and for the same row. */
class SecretSealTest {
  private final Ids ids = new Ids();

  @Test
  void aSealedSecretOpensAgainAfterARestartAndIsNotTheSecretInTheClear(@TempDir Path data)
      throws Exception {
    byte[] secret = ids.randomBytes(20);
    String sealed = SecretSeal.inDataDirectory(data, "totp-secrets", ids).seal(secret, "staff-1");
    assertThat(Base64.getDecoder().decode(sealed)).hasSize(12 + 20 + 16);
    assertThat(
            java.util.Collections.indexOfSubList(
                java.util.Arrays.asList(box(Base64.getDecoder().decode(sealed))),
                java.util.Arrays.asList(box(secret))))
        .isEqualTo(-1);
    // A second seal of the same secret looks different (a fresh nonce each time).
    SecretSeal again = SecretSeal.inDataDirectory(data, "totp-secrets", ids);
    assertThat(again.seal(secret, "staff-1")).isNotEqualTo(sealed);
    assertThat(again.open(sealed, "staff-1")).isEqualTo(secret);
    Path key = data.resolve("keys").resolve("totp-secrets.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
  }

  @Test
  void doesNotOpenForAnotherRowWithAnotherKeyOrWhenChanged(@TempDir Path data) {
    SecretSeal seal = SecretSeal.inDataDirectory(data.resolve("a"), "totp-secrets", ids);
    String sealed = seal.seal(ids.randomBytes(20), "staff-1");
    assertThatThrownBy(() -> seal.open(sealed, "staff-2"))
        .isInstanceOf(IllegalStateException.class);
    SecretSeal other = SecretSeal.inDataDirectory(data.resolve("b"), "totp-secrets", ids);
    assertThatThrownBy(() -> other.open(sealed, "staff-1"))
        .isInstanceOf(IllegalStateException.class);
    byte[] bytes = Base64.getDecoder().decode(sealed);
    bytes[bytes.length - 1] ^= 1;
    String changed = Base64.getEncoder().encodeToString(bytes);
    assertThatThrownBy(() -> seal.open(changed, "staff-1"))
        .isInstanceOf(IllegalStateException.class);
  }

  private static Byte[] box(byte[] b) {
    Byte[] out = new Byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = b[i];
    }
    return out;
  }
}
