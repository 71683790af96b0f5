package uk.gov.council.cap.server.staff;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategy;

/**
 * bcrypt with cost 12 (see docs/adr/0005-password-hashing-bcrypt.md). bcrypt reads at most 71
 * bytes, and a password may be 128 characters (ASVS 2.1.2), up to 512 bytes in UTF-8: a longer one
 * is first reduced with SHA-512, so every character counts and none is cut off. Shorter ones are
 * hashed as they are, as before.
 */
public final class PasswordHasher {
  private static final int COST = 12;
  private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2A;
  private static final LongPasswordStrategy LONG = LongPasswordStrategies.hashSha512(VERSION);
  // Verified against when the username is unknown, so a wrong username costs as long as a wrong
  // password.
  private final String decoy = hash("decoy-password-for-timing");

  public String hash(String password) {
    return BCrypt.with(VERSION, LONG).hashToString(COST, password.toCharArray());
  }

  public boolean matches(String password, String hash) {
    return BCrypt.verifyer(VERSION, LONG)
        .verify(password.toCharArray(), hash == null ? decoy : hash)
        .verified;
  }
}
