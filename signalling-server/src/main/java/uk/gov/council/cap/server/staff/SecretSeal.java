package uk.gov.council.cap.server.staff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import uk.gov.council.cap.server.DataDirectory;
import uk.gov.council.cap.server.db.Ids;

/**
 * Seals small secrets kept in the database (the TOTP secrets) with AES-256-GCM under a key kept in
 * the data directory, not in the database: a copy of the database alone (a backup, a dump handed to
 * a supplier, SQL injection) does not give anyone the power to make someone's codes. Each sealed
 * value is bound to the row it belongs to (the associated data), so it cannot be copied onto
 * another person's row. See docs/adr/0037-totp-second-factor.md.
 */
public final class SecretSeal {
  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final Ids ids;

  SecretSeal(byte[] key, Ids ids) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("The sealing key must be " + KEY_BYTES + " bytes");
    }
    this.key = new SecretKeySpec(key, "AES");
    this.ids = ids;
  }

  /**
   * The key in {@code <data>/keys/<name>.key}, made (owner-only, 256 random bits) on first start.
   * Every node sharing one database must be given the same file.
   */
  public static SecretSeal inDataDirectory(Path dataDir, String name, Ids ids) {
    try {
      Path dir = DataDirectory.privateDirectory(dataDir.resolve("keys"));
      Path file = dir.resolve(name + ".key");
      if (!Files.isRegularFile(file)) {
        DataDirectory.writePrivate(file, Base64.getEncoder().encode(ids.randomBytes(KEY_BYTES)));
      }
      DataDirectory.narrow(file);
      byte[] key = Base64.getDecoder().decode(Files.readString(file).trim());
      return new SecretSeal(key, ids);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or make the key " + name + ".key", e);
    }
  }

  /** {@code secret} sealed for {@code boundTo} (a row's id), as text for a column. */
  public String seal(byte[] secret, String boundTo) {
    byte[] nonce = ids.randomBytes(NONCE_BYTES);
    byte[] sealed = run(Cipher.ENCRYPT_MODE, nonce, boundTo, secret);
    return Base64.getEncoder()
        .encodeToString(
            ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
  }

  /**
   * The secret {@link #seal} sealed for the same {@code boundTo}; fails when the text was changed,
   * sealed under another key or for another row.
   */
  public byte[] open(String sealed, String boundTo) {
    byte[] all = Base64.getDecoder().decode(sealed);
    if (all.length <= NONCE_BYTES) {
      throw new IllegalStateException("A sealed secret is too short to be one");
    }
    ByteBuffer b = ByteBuffer.wrap(all);
    byte[] nonce = new byte[NONCE_BYTES];
    b.get(nonce);
    byte[] rest = new byte[b.remaining()];
    b.get(rest);
    return run(Cipher.DECRYPT_MODE, nonce, boundTo, rest);
  }

  private byte[] run(int mode, byte[] nonce, String boundTo, byte[] input) {
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
      return c.doFinal(input);
    } catch (AEADBadTagException e) {
      throw new IllegalStateException(
          "A sealed secret does not open with this server's key (changed, or from another server)",
          e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
    }
  }
}
