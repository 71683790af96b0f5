package uk.gov.council.cap.server.staff;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import uk.gov.council.cap.server.Clock;
import uk.gov.council.cap.server.db.Ids;

/** Owns the {@code staff} table. */
public final class StaffRepository {
  private final Jdbi jdbi;
  private final Ids ids;
  private final Clock clock;
  private final PasswordHasher hasher;
  private final StaffEvents events;

  public StaffRepository(Jdbi jdbi, Ids ids, Clock clock, PasswordHasher hasher) {
    this(jdbi, ids, clock, hasher, new StaffEvents());
  }

  public StaffRepository(
      Jdbi jdbi, Ids ids, Clock clock, PasswordHasher hasher, StaffEvents events) {
    this.jdbi = jdbi;
    this.ids = ids;
    this.clock = clock;
    this.hasher = hasher;
    this.events = events;
  }

  public StaffMember create(
      String username, String displayName, Role role, Set<String> themes, String password) {
    String id = ids.newId();
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "insert into staff (id, username, display_name, role, password_hash, themes, created_at)"
                        + " values (:id, :u, :d, :r, :p, :t, :at)")
                .bind("id", id)
                .bind("u", username)
                .bind("d", displayName)
                .bind("r", role.name())
                .bind("p", hasher.hash(password))
                .bind("t", String.join(",", themes))
                .bind("at", clock.now().toEpochMilli())
                .execute());
    return new StaffMember(id, username, displayName, role, themes);
  }

  public Optional<StaffMember> findByUsername(String username) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select * from staff where username = :u and not disabled")
                .bind("u", username)
                .map((rs, ctx) -> map(rs))
                .findOne());
  }

  /**
   * The name of whoever has this username, disabled or not: pages about past work still name people
   * who have since left.
   */
  public Optional<String> displayNameOf(String username) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select display_name from staff where username = :u")
                .bind("u", username)
                .mapTo(String.class)
                .findOne());
  }

  public Optional<StaffMember> findById(String id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select * from staff where id = :id")
                .bind("id", id)
                .map((rs, ctx) -> map(rs))
                .findOne());
  }

  /**
   * Turns an account off (or back on). Turning it off ends every session of that person in the same
   * transaction, and then closes whatever those sessions hold open: someone who has left cannot
   * take one more call.
   */
  public boolean setDisabled(String staffId, boolean disabled) {
    boolean changed =
        jdbi.inTransaction(
            h -> {
              int rows =
                  h.createUpdate("update staff set disabled = :d where id = :id and disabled <> :d")
                      .bind("d", disabled)
                      .bind("id", staffId)
                      .execute();
              if (rows > 0 && disabled) {
                endSessions(h, staffId);
              }
              return rows > 0;
            });
    if (changed && disabled) {
      events.allSessionsEnded(staffId, SessionEnd.DISABLED);
    }
    return changed;
  }

  /**
   * Gives someone a new role. Their sessions end with it: an open console was built for the old
   * role (an advisor made a technician must not keep taking calls on a socket opened as an
   * advisor), and signing in again gives them the pages of the new one.
   */
  public boolean changeRole(String staffId, Role role) {
    boolean changed =
        jdbi.inTransaction(
            h -> {
              int rows =
                  h.createUpdate("update staff set role = :r where id = :id and role <> :r")
                      .bind("r", role.name())
                      .bind("id", staffId)
                      .execute();
              if (rows > 0) {
                endSessions(h, staffId);
              }
              return rows > 0;
            });
    if (changed) {
      events.allSessionsEnded(staffId, SessionEnd.ROLE_CHANGED);
    }
    return changed;
  }

  private static void endSessions(org.jdbi.v3.core.Handle h, String staffId) {
    h.createUpdate("delete from staff_sessions where staff_id = :id").bind("id", staffId).execute();
  }

  /** Checks a sign-in; the same work is done whether or not the username exists. */
  public Optional<StaffMember> authenticate(String username, String password) {
    Optional<String> hash =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "select password_hash from staff where username = :u and not disabled")
                    .bind("u", username)
                    .mapTo(String.class)
                    .findOne());
    boolean ok = hasher.matches(password, hash.orElse(null));
    return ok && hash.isPresent() ? findByUsername(username) : Optional.empty();
  }

  static StaffMember map(ResultSet rs) throws SQLException {
    Set<String> themes =
        Arrays.stream(rs.getString("themes").split(","))
            .map(String::trim)
            .filter(t -> !t.isEmpty())
            .collect(Collectors.toCollection(LinkedHashSet::new));
    return new StaffMember(
        rs.getString("id"),
        rs.getString("username"),
        rs.getString("display_name"),
        Role.valueOf(rs.getString("role")),
        themes);
  }
}
