package uk.gov.council.cap.server.staff;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import uk.gov.council.cap.server.Clock;

/**
 * Owns the {@code staff_totp} table: each person's second factor, its secret sealed by {@link
 * SecretSeal} and opened only here, and the last step a code was accepted for.
 */
public final class TotpRepository {
  private final Jdbi jdbi;
  private final SecretSeal seal;
  private final Clock clock;

  public TotpRepository(Jdbi jdbi, SecretSeal seal, Clock clock) {
    this.jdbi = jdbi;
    this.seal = seal;
    this.clock = clock;
  }

  /** Someone's second factor: {@code on} once they proved their app has the secret. */
  public record Factor(byte[] secret, boolean on) {}

  public Optional<Factor> find(String staffId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select sealed_secret, confirmed_at from staff_totp where staff_id = :id")
                .bind("id", staffId)
                .map(
                    (rs, ctx) ->
                        new Factor(
                            seal.open(rs.getString("sealed_secret"), staffId),
                            rs.getObject("confirmed_at") != null))
                .findOne());
  }

  public boolean isOn(String staffId) {
    return find(staffId).map(Factor::on).orElse(false);
  }

  /**
   * Keeps a new secret for someone setting up their app, replacing one they began setting up
   * before. False (and nothing changed) when their second factor is already on: that is turned off
   * first, with a code.
   */
  public boolean begin(String staffId, byte[] secret) {
    String sealed = seal.seal(secret, staffId);
    return jdbi.inTransaction(
        h -> {
          h.createUpdate("delete from staff_totp where staff_id = :id and confirmed_at is null")
              .bind("id", staffId)
              .execute();
          boolean on =
              h.createQuery("select count(*) from staff_totp where staff_id = :id")
                      .bind("id", staffId)
                      .mapTo(Integer.class)
                      .one()
                  > 0;
          if (on) {
            return false;
          }
          h.createUpdate(
                  "insert into staff_totp (staff_id, sealed_secret, confirmed_at, last_step)"
                      + " values (:id, :s, null, null)")
              .bind("id", staffId)
              .bind("s", sealed)
              .execute();
          return true;
        });
  }

  /** Turns the second factor on with the step of the code that proved it; false if not pending. */
  public boolean confirm(String staffId, long step) {
    return jdbi.withHandle(
            h ->
                h.createUpdate(
                        "update staff_totp set confirmed_at = :at, last_step = :step"
                            + " where staff_id = :id and confirmed_at is null")
                    .bind("at", clock.now().toEpochMilli())
                    .bind("step", step)
                    .bind("id", staffId)
                    .execute())
        == 1;
  }

  /**
   * Spends the code of {@code step}: true only the first time, and only for a step later than any
   * spent before, so a code seen over someone's shoulder (or replayed) is refused even within its
   * 90 seconds. One statement, so two sign-ins racing with the same code cannot both win.
   */
  public boolean use(String staffId, long step) {
    return jdbi.withHandle(
            h ->
                h.createUpdate(
                        "update staff_totp set last_step = :step where staff_id = :id"
                            + " and confirmed_at is not null"
                            + " and (last_step is null or last_step < :step)")
                    .bind("step", step)
                    .bind("id", staffId)
                    .execute())
        == 1;
  }

  /** Removes someone's second factor, on or pending; false when there was none. */
  public boolean remove(String staffId) {
    return jdbi.withHandle(
            h ->
                h.createUpdate("delete from staff_totp where staff_id = :id")
                    .bind("id", staffId)
                    .execute())
        > 0;
  }
}
