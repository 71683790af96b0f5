package uk.gov.council.cap.server.oidc;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import uk.gov.council.cap.server.Clock;

/**
 * Who each member of staff is at the council's provider ({@code staff_identities}): the issuer and
 * the subject it gives them, which stays the same when their name, email or username changes. Also
 * the two small things about the {@code staff} table that council sign-in needs and {@code
 * StaffRepository} does not offer: whether an account is turned off, and a new display name.
 */
final class StaffIdentities {
  private final Jdbi jdbi;
  private final Clock clock;

  StaffIdentities(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** An account here, as council sign-in needs to see it (turned off ones too). */
  record Account(String staffId, boolean disabled, String displayName, boolean linked) {}

  Optional<Account> byIdentity(String issuer, String subject) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select s.id, s.disabled, s.display_name from staff_identities i"
                        + " join staff s on s.id = i.staff_id"
                        + " where i.issuer = :iss and i.subject = :sub")
                .bind("iss", issuer)
                .bind("sub", subject)
                .map(
                    (rs, ctx) ->
                        new Account(
                            rs.getString("id"),
                            rs.getBoolean("disabled"),
                            rs.getString("display_name"),
                            true))
                .findOne());
  }

  Optional<Account> byUsername(String username) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select s.id, s.disabled, s.display_name,"
                        + " (select count(*) from staff_identities i where i.staff_id = s.id)"
                        + " as identities from staff s where s.username = :u")
                .bind("u", username)
                .map(
                    (rs, ctx) ->
                        new Account(
                            rs.getString("id"),
                            rs.getBoolean("disabled"),
                            rs.getString("display_name"),
                            rs.getLong("identities") > 0))
                .findOne());
  }

  void link(String issuer, String subject, String staffId) {
    long now = clock.now().toEpochMilli();
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "insert into staff_identities (issuer, subject, staff_id, created_at,"
                        + " last_signed_in_at) values (:iss, :sub, :id, :at, :at)")
                .bind("iss", issuer)
                .bind("sub", subject)
                .bind("id", staffId)
                .bind("at", now)
                .execute());
  }

  void signedIn(String issuer, String subject) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "update staff_identities set last_signed_in_at = :at"
                        + " where issuer = :iss and subject = :sub")
                .bind("at", clock.now().toEpochMilli())
                .bind("iss", issuer)
                .bind("sub", subject)
                .execute());
  }

  void rename(String staffId, String displayName) {
    jdbi.useHandle(
        h ->
            h.createUpdate("update staff set display_name = :d where id = :id")
                .bind("d", displayName)
                .bind("id", staffId)
                .execute());
  }
}
