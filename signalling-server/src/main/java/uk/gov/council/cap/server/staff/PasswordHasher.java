package uk.gov.council.cap.server.staff;

import at.favre.lib.crypto.bcrypt.BCrypt;

/** bcrypt with cost 12 (see docs/adr/0005-password-hashing.md). */
public final class PasswordHasher {
  private static final int COST = 12;
  // Verified against when the username is unknown, so a wrong username costs as long as a wrong
  // password.
  private final String decoy = hash("decoy-password-for-timing");

  public String hash(String password) {
    return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
  }

  public boolean matches(String password, String hash) {
    return BCrypt.verifyer().verify(password.toCharArray(), hash == null ? decoy : hash).verified;
  }
}
