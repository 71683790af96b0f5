package uk.gov.council.cap.server.staff;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.Digests;
import uk.gov.council.cap.server.db.Ids;

/**
 * Staff sign-in sessions, kept in the database so they survive a restart and work across server
 * nodes. Only a SHA-256 of the session token is stored: a leaked table does not sign anyone in.
 */
public final class SessionStore {
  private final Jdbi jdbi;
  private final Ids ids;
  private final Clock clock;
  private final Duration lifetime;
  private final StaffEvents events;

  public SessionStore(Jdbi jdbi, Ids ids, Clock clock, Duration lifetime) {
    this(jdbi, ids, clock, lifetime, new StaffEvents());
  }

  public SessionStore(Jdbi jdbi, Ids ids, Clock clock, Duration lifetime, StaffEvents events) {
    this.jdbi = jdbi;
    this.ids = ids;
    this.clock = clock;
    this.lifetime = lifetime;
    this.events = events;
  }

  /** A new session: the token goes in the cookie, the CSRF token to the page. */
  public record Issued(String token, String csrfToken) {}

  /**
   * A live session. {@code tokenHash} names it without being able to sign anyone in (it is what the
   * table keeps); {@code expiresAt} is when it ends by itself, so whatever it holds open can be
   * closed on time.
   */
  public record Session(StaffMember staff, String csrfToken, String tokenHash, Instant expiresAt) {}

  public Issued open(StaffMember staff) {
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(ids.randomBytes(32));
    String csrf = Base64.getUrlEncoder().withoutPadding().encodeToString(ids.randomBytes(24));
    long now = clock.now().toEpochMilli();
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "insert into staff_sessions (token_hash, staff_id, csrf_token, created_at, expires_at)"
                        + " values (:t, :s, :c, :now, :exp)")
                .bind("t", Digests.sha256Hex(token))
                .bind("s", staff.id())
                .bind("c", csrf)
                .bind("now", now)
                .bind("exp", now + lifetime.toMillis())
                .execute());
    return new Issued(token, csrf);
  }

  public Optional<Session> find(String token) {
    if (token == null || token.isBlank() || token.length() > 100) {
      return Optional.empty();
    }
    long now = clock.now().toEpochMilli();
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select s.*, ss.csrf_token, ss.token_hash, ss.expires_at from staff_sessions ss"
                        + " join staff s on s.id = ss.staff_id"
                        + " where ss.token_hash = :t and ss.expires_at > :now and not s.disabled")
                .bind("t", Digests.sha256Hex(token))
                .bind("now", now)
                .map(
                    (rs, ctx) ->
                        new Session(
                            StaffRepository.map(rs),
                            rs.getString("csrf_token"),
                            rs.getString("token_hash"),
                            Instant.ofEpochMilli(rs.getLong("expires_at"))))
                .findOne());
  }

  /**
   * Signs out: the session is gone from the database, then everything it holds open on this node is
   * closed.
   */
  public void close(String token) {
    if (token != null) {
      String hash = Digests.sha256Hex(token);
      jdbi.useHandle(
          h ->
              h.createUpdate("delete from staff_sessions where token_hash = :t")
                  .bind("t", hash)
                  .execute());
      events.sessionEnded(hash, SessionEnd.SIGNED_OUT);
    }
  }

  /**
   * Of these sessions, the ones still valid now: not signed out, not expired, their account not
   * turned off. A node asks this now and then about the sessions its sockets hold, which is how a
   * sign-out or an account change made on another node reaches this one.
   */
  public Set<String> stillValid(Collection<String> tokenHashes) {
    if (tokenHashes.isEmpty()) {
      return Set.of();
    }
    long now = clock.now().toEpochMilli();
    return jdbi.withHandle(
        h ->
            new HashSet<>(
                h.createQuery(
                        "select ss.token_hash from staff_sessions ss"
                            + " join staff s on s.id = ss.staff_id"
                            + " where ss.token_hash in (<hashes>) and ss.expires_at > :now and not s.disabled")
                    .bindList("hashes", tokenHashes.stream().distinct().toList())
                    .bind("now", now)
                    .mapTo(String.class)
                    .list()));
  }

  /**
   * Why a session that is no longer valid ended, worked out from what is left of it: a node that
   * finds one of its sessions gone (a change made on another node, or on this one before its event
   * arrived) closes the console with the right words. The account turned off, or given another role
   * than {@code roleWhenOpened}, says so; a session still there past its end expired; anything else
   * was a sign-out (a new password also deletes the session and reads as one).
   */
  public SessionEnd whyEnded(String tokenHash, String staffId, Role roleWhenOpened) {
    long now = clock.now().toEpochMilli();
    return jdbi.withHandle(
        h -> {
          // An account deleted outright reads as turned off: either way it is not coming back.
          Optional<Role> role =
              h.createQuery("select role from staff where id = :id and not disabled")
                  .bind("id", staffId)
                  .mapTo(String.class)
                  .findOne()
                  .map(Role::valueOf);
          if (role.isEmpty()) {
            return SessionEnd.DISABLED;
          }
          if (role.get() != roleWhenOpened) {
            return SessionEnd.ROLE_CHANGED;
          }
          boolean expired =
              h.createQuery("select expires_at from staff_sessions where token_hash = :t")
                  .bind("t", tokenHash)
                  .mapTo(Long.class)
                  .findOne()
                  .map(at -> at <= now)
                  .orElse(false);
          return expired ? SessionEnd.EXPIRED : SessionEnd.SIGNED_OUT;
        });
  }
}
