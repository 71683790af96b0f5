package uk.gov.council.cap.server.kiosks;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.Digests;
import uk.gov.council.cap.server.db.Ids;

/**
 * Owns the {@code kiosks} table and kiosk credentials. A kiosk secret is 256 random bits, so a
 * plain SHA-256 of it is enough to store (no slow hash is needed against guessing).
 */
public final class KioskRepository {
    private final Jdbi jdbi;
    private final Ids ids;
    private final Clock clock;

    public KioskRepository(Jdbi jdbi, Ids ids, Clock clock) {
        this.jdbi = jdbi;
        this.ids = ids;
        this.clock = clock;
    }

    /** A kiosk and the secret it must present; the secret is shown once and never stored. */
    public record Enrolled(Kiosk kiosk, String secret) {
    }

    public Enrolled create(String name, String siteId) {
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(ids.randomBytes(32));
        return createWithSecret(ids.newId(), name, siteId, secret);
    }

    /** For the demo, which writes a known kiosk identity to its own configuration. */
    public Enrolled createWithSecret(String id, String name, String siteId, String secret) {
        jdbi.useHandle(h -> h.createUpdate("insert into kiosks (id, name, site_id, secret_hash, created_at)"
                        + " values (:id, :name, :site, :hash, :at)")
                .bind("id", id).bind("name", name).bind("site", siteId).bind("hash", Digests.sha256Hex(secret))
                .bind("at", clock.now().toEpochMilli()).execute());
        return new Enrolled(new Kiosk(id, name, siteId), secret);
    }

    /** The kiosk named by an {@code Authorization: Kiosk <id>:<secret>} header, if the secret is right. */
    public Optional<Kiosk> fromAuthorizationHeader(String authorization) {
        if (authorization == null || !authorization.startsWith("Kiosk ")) {
            return Optional.empty();
        }
        String credentials = authorization.substring("Kiosk ".length()).trim();
        int colon = credentials.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return authenticate(credentials.substring(0, colon), credentials.substring(colon + 1));
    }

    public Optional<Kiosk> authenticate(String id, String secret) {
        if (id == null || secret == null || id.length() > 64 || secret.length() > 200) {
            return Optional.empty();
        }
        Optional<String> storedHash = jdbi.withHandle(h -> h.createQuery(
                        "select secret_hash from kiosks where id = :id and revoked_at is null")
                .bind("id", id).mapTo(String.class).findOne());
        return storedHash.filter(hash -> Digests.sameText(hash, Digests.sha256Hex(secret))).flatMap(hash -> find(id));
    }

    public Optional<Kiosk> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("select id, name, site_id from kiosks where id = :id").bind("id", id)
                .map((rs, ctx) -> new Kiosk(rs.getString("id"), rs.getString("name"), rs.getString("site_id"))).findOne());
    }

    public List<Kiosk> all() {
        return jdbi.withHandle(h -> h.createQuery("select id, name, site_id from kiosks order by name")
                .map((rs, ctx) -> new Kiosk(rs.getString("id"), rs.getString("name"), rs.getString("site_id"))).list());
    }

}
