package uk.gov.council.cap.server.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.Digests;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.db.Ids;
import uk.gov.council.cap.server.kiosks.KioskRepository;
import uk.gov.council.cap.server.sites.SiteRepository;
import uk.gov.council.cap.server.web.ApiError;

/**
 * Owns enrolment_tokens: a technician makes a one-time token for a new kiosk at a site; the kiosk
 * trades it, once, before it expires, for its own identity and secret (the server keeps only the
 * secret's hash). A reused, expired or made-up token is refused with a clear message and audited.
 */
public final class Enrolments {
  public static final Duration DEFAULT_LIFETIME = Duration.ofHours(24);

  private final Jdbi jdbi;
  private final KioskRepository kiosks;
  private final SiteRepository sites;
  private final AuditLog audit;
  private final Ids ids;
  private final Clock clock;

  public Enrolments(
      Jdbi jdbi,
      KioskRepository kiosks,
      SiteRepository sites,
      AuditLog audit,
      Ids ids,
      Clock clock) {
    this.jdbi = jdbi;
    this.kiosks = kiosks;
    this.sites = sites;
    this.audit = audit;
    this.ids = ids;
    this.clock = clock;
  }

  public record Token(String token, String siteId, String kioskName, Instant expiresAt) {}

  public record Enrolled(String kioskId, String kioskName, String siteId, String secret) {}

  public Token create(String siteId, String kioskName, Duration lifetime, String createdBy) {
    if (siteId == null || sites.find(siteId).isEmpty())
      throw new ApiError(400, "Choose the site the kiosk is at.");
    if (kioskName == null || kioskName.isBlank())
      throw new ApiError(400, "Enter a name for the kiosk, like \"Ampthill Library kiosk\".");
    if (kioskName.length() > 100)
      throw new ApiError(400, "The kiosk's name must be 100 characters or fewer.");
    // Four groups of five from an unambiguous alphabet: easy to type from a screen, 100 bits of
    // chance.
    String token = readable(ids.randomBytes(20));
    Instant now = clock.now();
    Instant expires = now.plus(lifetime);
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    """
        insert into enrolment_tokens (token_hash, site_id, kiosk_name, created_by, created_at, expires_at)
        values (:hash, :site, :name, :by, :at, :expires)""")
                .bind("hash", Digests.sha256Hex(token))
                .bind("site", siteId)
                .bind("name", kioskName.strip())
                .bind("by", createdBy)
                .bind("at", now.toEpochMilli())
                .bind("expires", expires.toEpochMilli())
                .execute());
    audit.record(
        createdBy,
        "enrolment.token_created",
        null,
        siteId,
        kioskName.strip() + " expires " + expires);
    return new Token(token, siteId, kioskName.strip(), expires);
  }

  /** Trades a token for a kiosk identity, once. */
  public synchronized Enrolled enrol(String token, String from) {
    if (token == null || token.isBlank() || token.length() > 100) {
      audit.record(from, "enrolment.refused", null, null, "no token");
      throw new ApiError(400, "Enter the enrolment token shown in the console.");
    }
    String hash = Digests.sha256Hex(token.strip().toUpperCase());
    Optional<Row> row =
        jdbi.withHandle(
            h ->
                h.createQuery("select * from enrolment_tokens where token_hash = :h")
                    .bind("h", hash)
                    .map(
                        (rs, ctx) ->
                            new Row(
                                rs.getString("site_id"),
                                rs.getString("kiosk_name"),
                                rs.getLong("expires_at"),
                                (Long) rs.getObject("used_at")))
                    .findOne());
    if (row.isEmpty()) {
      audit.record(from, "enrolment.refused", null, null, "unknown token");
      throw new ApiError(
          401,
          "That enrolment token is not one this server made. Check it, or make a new one in the console.");
    }
    Instant now = clock.now();
    if (row.get().usedAt() != null) {
      audit.record(from, "enrolment.refused", null, row.get().siteId(), "token already used");
      throw new ApiError(
          410, "That enrolment token has already been used. Make a new one in the console.");
    }
    if (now.toEpochMilli() > row.get().expiresAt()) {
      audit.record(from, "enrolment.refused", null, row.get().siteId(), "token expired");
      throw new ApiError(410, "That enrolment token has expired. Make a new one in the console.");
    }
    KioskRepository.Enrolled kiosk = kiosks.create(row.get().kioskName(), row.get().siteId());
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "update enrolment_tokens set used_at = :at, kiosk_id = :k where token_hash = :h")
                .bind("at", now.toEpochMilli())
                .bind("k", kiosk.kiosk().id())
                .bind("h", hash)
                .execute());
    audit.record(
        from,
        "enrolment.enrolled",
        null,
        kiosk.kiosk().id(),
        row.get().kioskName() + " at site " + row.get().siteId());
    return new Enrolled(
        kiosk.kiosk().id(), kiosk.kiosk().name(), row.get().siteId(), kiosk.secret());
  }

  private record Row(String siteId, String kioskName, long expiresAt, Long usedAt) {}

  /**
   * Upper-case letters and digits without 0/O/1/I, grouped in fives: 20 characters of 5 random bits
   * each.
   */
  private static String readable(byte[] random) {
    String alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      if (i > 0 && i % 5 == 0) b.append('-');
      b.append(alphabet.charAt(random[i] & 31));
    }
    return b.toString();
  }
}
