package uk.gov.council.cap.server.staffadmin;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.Digests;
import uk.gov.council.cap.server.db.Ids;

/**
 * One-time links to set a password ({@code password_links}). The token is 256 random bits and only
 * its SHA-256 is kept, so the table cannot be used to set anyone's password. A new link for someone
 * retires their older unused ones: only the link the admin handed over last works.
 */
final class PasswordLinks {
  private final Jdbi jdbi;
  private final Ids ids;
  private final Clock clock;
  private final Duration lifetime;

  PasswordLinks(Jdbi jdbi, Ids ids, Clock clock, Duration lifetime) {
    this.jdbi = jdbi;
    this.ids = ids;
    this.clock = clock;
    this.lifetime = lifetime;
  }

  /** A new link's token (for the page's address) and when it stops working. */
  record Issued(String token, Instant expiresAt) {}

  Issued issue(String staffId, String createdBy) {
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(ids.randomBytes(32));
    Instant now = clock.now();
    Instant expires = now.plus(lifetime);
    jdbi.useTransaction(
        h -> {
          h.createUpdate(
                  "update password_links set used_at = :now where staff_id = :s and used_at is null")
              .bind("now", now.toEpochMilli())
              .bind("s", staffId)
              .execute();
          h.createUpdate(
                  "insert into password_links (token_hash, staff_id, created_by, created_at,"
                      + " expires_at) values (:t, :s, :by, :now, :exp)")
              .bind("t", Digests.sha256Hex(token))
              .bind("s", staffId)
              .bind("by", createdBy)
              .bind("now", now.toEpochMilli())
              .bind("exp", expires.toEpochMilli())
              .execute();
        });
    return new Issued(token, expires);
  }

  /** Whose link this is, if it is unused and unexpired; looks only, uses nothing. */
  Optional<String> owner(String token) {
    if (!plausible(token)) {
      return Optional.empty();
    }
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select staff_id from password_links where token_hash = :t"
                        + " and used_at is null and expires_at > :now")
                .bind("t", Digests.sha256Hex(token))
                .bind("now", clock.now().toEpochMilli())
                .mapTo(String.class)
                .findOne());
  }

  /**
   * Uses the link: true for exactly one caller, however many try it at once (the update is the
   * test), and never for one used or expired.
   */
  boolean use(String token) {
    if (!plausible(token)) {
      return false;
    }
    long now = clock.now().toEpochMilli();
    return jdbi.withHandle(
            h ->
                h.createUpdate(
                        "update password_links set used_at = :now where token_hash = :t"
                            + " and used_at is null and expires_at > :now")
                    .bind("t", Digests.sha256Hex(token))
                    .bind("now", now)
                    .execute())
        == 1;
  }

  private static boolean plausible(String token) {
    return token != null && !token.isBlank() && token.length() <= 100;
  }
}
