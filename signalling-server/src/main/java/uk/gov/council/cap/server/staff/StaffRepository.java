package uk.gov.council.cap.server.staff;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
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

  // Stored for an account with no password yet; never a bcrypt hash, so no password matches it.
  private static final String NO_PASSWORD = "";

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

  /** A member of staff with a password and themes only (the demo, tests). */
  public StaffMember create(
      String username, String displayName, Role role, Set<String> themes, String password) {
    return insert(
        username, displayName, role, themes, Set.of(), Set.of(), hasher.hash(password), false);
  }

  /**
   * A member of staff made on the administration page: no password yet (nobody can sign in as them
   * with one) until they set their own through a one-time link.
   */
  public StaffMember create(
      String username,
      String displayName,
      Role role,
      Set<String> themes,
      Set<String> sites,
      Set<String> languages) {
    return insert(username, displayName, role, themes, sites, languages, NO_PASSWORD, false);
  }

  /**
   * A member of staff who signs in only with their council account (through the council's identity
   * provider): no password here, and none can ever be set ({@link #useCouncilSignInOnly}).
   */
  public StaffMember createCouncilAccount(
      String username,
      String displayName,
      Role role,
      Set<String> themes,
      Set<String> sites,
      Set<String> languages) {
    return insert(username, displayName, role, themes, sites, languages, NO_PASSWORD, true);
  }

  /**
   * From now on this person signs in only with their council account: any password they had here
   * stops working and none can be set, so someone the council takes out of its groups cannot come
   * back with a password. Sessions stay: the one being opened through the council is theirs.
   */
  public void useCouncilSignInOnly(String staffId) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "update staff set council_sign_in = true, password_hash = :none where id = :id")
                .bind("none", NO_PASSWORD)
                .bind("id", staffId)
                .execute());
  }

  private StaffMember insert(
      String username,
      String displayName,
      Role role,
      Set<String> themes,
      Set<String> sites,
      Set<String> languages,
      String passwordHash,
      boolean councilSignIn) {
    String id = ids.newId();
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "insert into staff (id, username, display_name, role, password_hash, themes,"
                        + " sites, languages, council_sign_in, created_at)"
                        + " values (:id, :u, :d, :r, :p, :t, :s, :l, :c, :at)")
                .bind("id", id)
                .bind("u", username)
                .bind("d", displayName)
                .bind("r", role.name())
                .bind("p", passwordHash)
                .bind("t", String.join(",", themes))
                .bind("s", String.join(",", sites))
                .bind("l", String.join(",", languages))
                .bind("c", councilSignIn)
                .bind("at", clock.now().toEpochMilli())
                .execute());
    return new StaffMember(id, username, displayName, role, themes, sites, languages);
  }

  /** Whether anyone, turned off or not, has this username: usernames are never reused. */
  public boolean usernameTaken(String username) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select count(*) from staff where lower(username) = lower(:u)")
                    .bind("u", username)
                    .mapTo(Integer.class)
                    .one()
                > 0);
  }

  /** Everyone, turned off or not, by display name: the administration page. */
  public List<StaffAccount> accounts() {
    return jdbi.withHandle(
        h ->
            h.createQuery("select * from staff order by lower(display_name), username")
                .map((rs, ctx) -> account(rs))
                .list());
  }

  public Optional<StaffAccount> account(String id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select * from staff where id = :id")
                .bind("id", id)
                .map((rs, ctx) -> account(rs))
                .findOne());
  }

  /** Admins who can still sign in: the last one may not be turned off or given another role. */
  public int enabledAdmins() {
    return jdbi.withHandle(
        h ->
            h.createQuery("select count(*) from staff where role = :r and not disabled")
                .bind("r", Role.ADMIN.name())
                .mapTo(Integer.class)
                .one());
  }

  /**
   * New name and routing skills. Sessions stay open: whoever routes calls is told, and uses the new
   * skills from the next offer.
   */
  public Optional<StaffMember> updateDetails(
      String staffId,
      String displayName,
      Set<String> themes,
      Set<String> sites,
      Set<String> languages) {
    int rows =
        jdbi.withHandle(
            h ->
                h.createUpdate(
                        "update staff set display_name = :d, themes = :t, sites = :s,"
                            + " languages = :l where id = :id")
                    .bind("d", displayName)
                    .bind("t", String.join(",", themes))
                    .bind("s", String.join(",", sites))
                    .bind("l", String.join(",", languages))
                    .bind("id", staffId)
                    .execute());
    if (rows == 0) {
      return Optional.empty();
    }
    Optional<StaffMember> now = findById(staffId);
    now.ifPresent(events::staffChanged);
    return now;
  }

  /**
   * Sets a new password and ends every session of that person: whoever knew the old one (or held a
   * session opened with it) is out. False, and nothing changed, for someone who signs in only with
   * their council account.
   */
  public boolean setPassword(String staffId, String password) {
    String hash = hasher.hash(password);
    boolean set =
        jdbi.inTransaction(
            h -> {
              int rows =
                  h.createUpdate(
                          "update staff set password_hash = :p where id = :id"
                              + " and not council_sign_in")
                      .bind("p", hash)
                      .bind("id", staffId)
                      .execute();
              if (rows > 0) {
                endSessions(h, staffId);
              }
              return rows > 0;
            });
    if (set) {
      events.allSessionsEnded(staffId, SessionEnd.PASSWORD_SET);
    }
    return set;
  }

  /** When and how (see {@link SessionStart#begin}) this person last signed in. */
  void recordSignIn(String staffId, String how) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "update staff set last_signed_in_at = :at, last_signed_in_by = :by where id = :id")
                .bind("at", clock.now().toEpochMilli())
                .bind("by", how.length() <= 32 ? how : how.substring(0, 32))
                .bind("id", staffId)
                .execute());
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
    Optional<String> set = hash.filter(x -> !x.equals(NO_PASSWORD));
    boolean ok = hasher.matches(password, set.orElse(null));
    return ok && set.isPresent() ? findByUsername(username) : Optional.empty();
  }

  static StaffMember map(ResultSet rs) throws SQLException {
    return new StaffMember(
        rs.getString("id"),
        rs.getString("username"),
        rs.getString("display_name"),
        Role.valueOf(rs.getString("role")),
        split(rs.getString("themes")),
        split(rs.getString("sites")),
        split(rs.getString("languages")));
  }

  private static StaffAccount account(ResultSet rs) throws SQLException {
    long at = rs.getLong("last_signed_in_at");
    Instant lastSignedIn = rs.wasNull() ? null : Instant.ofEpochMilli(at);
    return new StaffAccount(
        map(rs),
        rs.getBoolean("disabled"),
        !NO_PASSWORD.equals(rs.getString("password_hash")),
        rs.getBoolean("council_sign_in"),
        lastSignedIn,
        rs.getString("last_signed_in_by"));
  }

  private static Set<String> split(String list) {
    Set<String> items =
        Arrays.stream(list == null ? new String[0] : list.split(","))
            .map(String::trim)
            .filter(t -> !t.isEmpty())
            .collect(Collectors.toCollection(LinkedHashSet::new));
    return Collections.unmodifiableSet(items);
  }
}
