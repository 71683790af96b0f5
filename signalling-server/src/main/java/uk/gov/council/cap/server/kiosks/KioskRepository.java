package uk.gov.council.cap.server.kiosks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  public record Enrolled(Kiosk kiosk, String secret) {}

  public Enrolled create(String name, String siteId) {
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(ids.randomBytes(32));
    return createWithSecret(ids.newId(), name, siteId, secret);
  }

  /** For the demo, which writes a known kiosk identity to its own configuration. */
  public Enrolled createWithSecret(String id, String name, String siteId, String secret) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "insert into kiosks (id, name, site_id, secret_hash, created_at)"
                        + " values (:id, :name, :site, :hash, :at)")
                .bind("id", id)
                .bind("name", name)
                .bind("site", siteId)
                .bind("hash", Digests.sha256Hex(secret))
                .bind("at", clock.now().toEpochMilli())
                .execute());
    return new Enrolled(new Kiosk(id, name, siteId), secret);
  }

  /**
   * The kiosk named by an {@code Authorization: Kiosk <id>:<secret>} header, if the secret is
   * right.
   */
  public Optional<Kiosk> fromAuthorizationHeader(String authorization) {
    String id = claimedKioskId(authorization);
    if (id == null) {
      return Optional.empty();
    }
    String credentials = authorization.substring("Kiosk ".length()).trim();
    return authenticate(id, credentials.substring(credentials.indexOf(':') + 1));
  }

  /**
   * The kiosk id an {@code Authorization: Kiosk <id>:<secret>} header claims, true or not (for
   * refusals and audit).
   */
  public static String claimedKioskId(String authorization) {
    if (authorization == null || !authorization.startsWith("Kiosk ")) {
      return null;
    }
    String credentials = authorization.substring("Kiosk ".length()).trim();
    int colon = credentials.indexOf(':');
    return colon <= 0 || colon > 64 ? null : credentials.substring(0, colon);
  }

  public Optional<Kiosk> authenticate(String id, String secret) {
    if (id == null || secret == null || id.length() > 64 || secret.length() > 200) {
      return Optional.empty();
    }
    Optional<String> storedHash =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "select secret_hash from kiosks where id = :id and revoked_at is null")
                    .bind("id", id)
                    .mapTo(String.class)
                    .findOne());
    return storedHash
        .filter(hash -> Digests.sameText(hash, Digests.sha256Hex(secret)))
        .flatMap(hash -> find(id));
  }

  public Optional<Kiosk> find(String id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select id, name, site_id from kiosks where id = :id")
                .bind("id", id)
                .map(
                    (rs, ctx) ->
                        new Kiosk(
                            rs.getString("id"), rs.getString("name"), rs.getString("site_id")))
                .findOne());
  }

  /**
   * Refuses the kiosk's credentials from now on. False if it was already revoked or does not exist.
   */
  public boolean revoke(String id) {
    return jdbi.withHandle(
            h ->
                h.createUpdate(
                        "update kiosks set revoked_at = :at where id = :id and revoked_at is null")
                    .bind("at", clock.now().toEpochMilli())
                    .bind("id", id)
                    .execute())
        == 1;
  }

  public boolean isRevoked(String id) {
    return jdbi.withHandle(
            h ->
                h.createQuery("select revoked_at from kiosks where id = :id")
                    .bind("id", id)
                    .mapTo(Long.class)
                    .findOne())
        .isPresent();
  }

  /**
   * What the kiosk last said about itself; kept so the fleet page shows "last seen" after a server
   * restart.
   */
  public void recordSeen(String id, Instant at, String appVersion) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "update kiosks set last_seen_at = :at, app_version = coalesce(:v, app_version) where id = :id")
                .bind("at", at.toEpochMilli())
                .bind("v", appVersion)
                .bind("id", id)
                .execute());
  }

  /**
   * The kiosk's device settings from the console (scanner, printer, documentCamera), empty when
   * none were set.
   */
  public Map<String, String> deviceSettings(String id) {
    String json =
        jdbi.withHandle(
            h ->
                h.createQuery("select device_settings from kiosks where id = :id")
                    .bind("id", id)
                    .mapTo(String.class)
                    .findOne()
                    .orElse(null));
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored device settings of kiosk " + id + " are not JSON", e);
    }
  }

  public void setDeviceSettings(String id, Map<String, String> settings) {
    String json;
    try {
      json = JSON.writeValueAsString(settings);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
    jdbi.useHandle(
        h ->
            h.createUpdate("update kiosks set device_settings = :s where id = :id")
                .bind("s", json)
                .bind("id", id)
                .execute());
  }

  /** Every kiosk, revoked ones too, with what the fleet page shows about it. */
  public List<KioskDetails> details() {
    return jdbi.withHandle(
        h ->
            h.createQuery("select * from kiosks order by name")
                .map(
                    (rs, ctx) ->
                        new KioskDetails(
                            new Kiosk(
                                rs.getString("id"), rs.getString("name"), rs.getString("site_id")),
                            Instant.ofEpochMilli(rs.getLong("created_at")),
                            instant(rs, "revoked_at"),
                            instant(rs, "last_seen_at"),
                            rs.getString("app_version")))
                .list());
  }

  private static Instant instant(java.sql.ResultSet rs, String column)
      throws java.sql.SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }

  // Immutable once configured and thread-safe: one per class is fine (not mutable global state).
  private static final ObjectMapper JSON = new ObjectMapper();

  public List<Kiosk> all() {
    return jdbi.withHandle(
        h ->
            h.createQuery("select id, name, site_id from kiosks order by name")
                .map(
                    (rs, ctx) ->
                        new Kiosk(
                            rs.getString("id"), rs.getString("name"), rs.getString("site_id")))
                .list());
  }
}
