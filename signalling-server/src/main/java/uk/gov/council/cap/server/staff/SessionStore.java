package uk.gov.council.cap.server.staff;

import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
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

    public SessionStore(Jdbi jdbi, Ids ids, Clock clock, Duration lifetime) {
        this.jdbi = jdbi;
        this.ids = ids;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** A new session: the token goes in the cookie, the CSRF token to the page. */
    public record Issued(String token, String csrfToken) {
    }

    public record Session(StaffMember staff, String csrfToken) {
    }

    public Issued open(StaffMember staff) {
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(ids.randomBytes(32));
        String csrf = Base64.getUrlEncoder().withoutPadding().encodeToString(ids.randomBytes(24));
        long now = clock.now().toEpochMilli();
        jdbi.useHandle(h -> h.createUpdate("insert into staff_sessions (token_hash, staff_id, csrf_token, created_at, expires_at)"
                        + " values (:t, :s, :c, :now, :exp)")
                .bind("t", Digests.sha256Hex(token)).bind("s", staff.id()).bind("c", csrf)
                .bind("now", now).bind("exp", now + lifetime.toMillis()).execute());
        return new Issued(token, csrf);
    }

    public Optional<Session> find(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        long now = clock.now().toEpochMilli();
        return jdbi.withHandle(h -> h.createQuery("select s.*, ss.csrf_token from staff_sessions ss"
                        + " join staff s on s.id = ss.staff_id"
                        + " where ss.token_hash = :t and ss.expires_at > :now and not s.disabled")
                .bind("t", Digests.sha256Hex(token)).bind("now", now)
                .map((rs, ctx) -> new Session(StaffRepository.map(rs), rs.getString("csrf_token")))
                .findOne());
    }

    public void close(String token) {
        if (token != null) {
            jdbi.useHandle(h -> h.createUpdate("delete from staff_sessions where token_hash = :t")
                    .bind("t", Digests.sha256Hex(token)).execute());
        }
    }

}
