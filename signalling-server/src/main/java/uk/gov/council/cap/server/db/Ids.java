package uk.gov.council.cap.server.db;

import java.security.SecureRandom;
import java.util.UUID;

/** Identifiers: random UUIDs for rows, short unambiguous references for people to read out. */
public final class Ids {
  // Crockford's base32 without I, L, O, U: easy to read over the phone.
  private static final char[] REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private final SecureRandom random = new SecureRandom();

  public String newId() {
    return UUID.randomUUID().toString();
  }

  /** A case reference such as {@code CAP-7K3M-9QXD}: 40 random bits. */
  public String newCaseReference() {
    StringBuilder sb = new StringBuilder("CAP-");
    for (int i = 0; i < 8; i++) {
      if (i == 4) {
        sb.append('-');
      }
      sb.append(REFERENCE_ALPHABET[random.nextInt(REFERENCE_ALPHABET.length)]);
    }
    return sb.toString();
  }

  public byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
