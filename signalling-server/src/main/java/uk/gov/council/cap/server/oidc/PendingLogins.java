package uk.gov.council.cap.server.oidc;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.Digests;

/**
 * Sign-ins sent to the provider and not yet back ({@code oidc_pending_logins}): the nonce and PKCE
 * verifier stay on the server, keyed by a hash of the state. Each is taken at most once (the row is
 * deleted as it is read), so a callback URL replayed later finds nothing.
 */
final class PendingLogins {
  private final Jdbi jdbi;
  private final Clock clock;
  private final Duration lifetime;

  PendingLogins(Jdbi jdbi, Clock clock, Duration lifetime) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.lifetime = lifetime;
  }

  record Pending(String nonce, String codeVerifier, Instant expiresAt) {}

  /** What {@link #take} found: a pending sign-in still in time, one too old, or nothing. */
  sealed interface Taken {
    record Found(Pending pending) implements Taken {}

    record Expired() implements Taken {}

    record Unknown() implements Taken {}
  }

  void add(String state, String nonce, String codeVerifier) {
    Instant now = clock.now();
    jdbi.useHandle(
        h -> {
          // Abandoned sign-ins (a closed tab) are cleared by the next one, so the table stays
          // small.
          h.createUpdate("delete from oidc_pending_logins where expires_at < :now")
              .bind("now", now.toEpochMilli())
              .execute();
          h.createUpdate(
                  "insert into oidc_pending_logins (state_hash, nonce, code_verifier, created_at,"
                      + " expires_at) values (:s, :n, :v, :at, :exp)")
              .bind("s", Digests.sha256Hex(state))
              .bind("n", nonce)
              .bind("v", codeVerifier)
              .bind("at", now.toEpochMilli())
              .bind("exp", now.plus(lifetime).toEpochMilli())
              .execute();
        });
  }

  /** Removes and returns the pending sign-in for {@code state}: a second call finds nothing. */
  Taken take(String state) {
    String hash = Digests.sha256Hex(state);
    return jdbi.inTransaction(
        h -> {
          Optional<Pending> p =
              h.createQuery(
                      "select nonce, code_verifier, expires_at from oidc_pending_logins"
                          + " where state_hash = :s")
                  .bind("s", hash)
                  .map(
                      (rs, ctx) ->
                          new Pending(
                              rs.getString("nonce"),
                              rs.getString("code_verifier"),
                              Instant.ofEpochMilli(rs.getLong("expires_at"))))
                  .findOne();
          // Only the transaction that deletes the row may use it: two callbacks racing with the
          // same state cannot both get through.
          int deleted =
              h.createUpdate("delete from oidc_pending_logins where state_hash = :s")
                  .bind("s", hash)
                  .execute();
          if (p.isEmpty() || deleted != 1) {
            return new Taken.Unknown();
          }
          if (!clock.now().isBefore(p.get().expiresAt())) {
            return new Taken.Expired();
          }
          return new Taken.Found(p.get());
        });
  }
}
