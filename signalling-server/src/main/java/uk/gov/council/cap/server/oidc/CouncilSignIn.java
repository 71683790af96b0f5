package uk.gov.council.cap.server.oidc;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.gov.council.cap.server.ServerConfig;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.StaffMember;
import uk.gov.council.cap.server.staff.StaffRepository;

/**
 * Council sign-in from start to finish, without HTTP: starting one (a state, nonce and PKCE
 * verifier kept server-side) and finishing it (the state taken once, the code redeemed, the ID
 * token checked, the person found or created here with the role their groups give). Every refusal
 * is audited with its reason.
 */
final class CouncilSignIn {
  private static final Logger LOG = LoggerFactory.getLogger(CouncilSignIn.class);
  private static final String ACTOR = "oidc";

  private final ServerConfig.Oidc config;
  private final Provider provider;
  private final PendingLogins pending;
  private final StaffIdentities identities;
  private final StaffRepository staff;
  private final RoleGroups roles;
  private final AuditLog audit;
  private final SecureRandom random = new SecureRandom();

  CouncilSignIn(
      ServerConfig.Oidc config,
      Provider provider,
      PendingLogins pending,
      StaffIdentities identities,
      StaffRepository staff,
      AuditLog audit) {
    this.config = config;
    this.provider = provider;
    this.pending = pending;
    this.identities = identities;
    this.staff = staff;
    this.roles = RoleGroups.parse(config.roleGroups());
    this.audit = audit;
  }

  record Started(URI redirectTo, String state) {}

  /** How a finished sign-in came out: signed in as someone, or refused for a reason. */
  sealed interface Outcome {
    record SignedIn(StaffMember member) implements Outcome {}

    record Refused(Refusal reason) implements Outcome {}
  }

  Started start() throws Provider.Failure {
    String state = randomText(32);
    String nonce = randomText(32);
    String verifier = randomText(48);
    URI to = provider.authorisationUrl(state, nonce, verifier);
    pending.add(state, nonce, verifier);
    return new Started(to, state);
  }

  /**
   * Finishes the sign-in the provider sent back. {@code browserState} is the state this browser was
   * given when it started (from its cookie); {@code state}, {@code code} and {@code error} are the
   * callback's parameters.
   */
  Outcome finish(String browserState, String state, String code, String error, String remote) {
    if (state == null
        || browserState == null
        || !uk.gov.council.cap.server.Digests.sameText(state, browserState)) {
      // A callback this browser did not start (a link someone was sent) or one replayed after
      // its cookie was cleared.
      return refused(Refusal.STATE, null, "state not from this browser", remote);
    }
    PendingLogins.Taken taken = pending.take(state);
    if (taken instanceof PendingLogins.Taken.Unknown) {
      return refused(Refusal.STATE, null, "state unknown or used already", remote);
    }
    if (taken instanceof PendingLogins.Taken.Expired) {
      return refused(Refusal.EXPIRED, null, "started too long ago", remote);
    }
    PendingLogins.Pending p = ((PendingLogins.Taken.Found) taken).pending();
    if (error != null || code == null || code.isBlank()) {
      return refused(Refusal.CANCELLED, null, "provider answered error", remote);
    }
    Provider.Person person;
    try {
      person = provider.redeem(code, p.codeVerifier(), p.nonce());
    } catch (Provider.Failure f) {
      return refused(f.refusal, null, f.getMessage(), remote);
    }
    return signIn(person, remote);
  }

  private Outcome signIn(Provider.Person person, String remote) {
    String issuer = config.issuer().orElseThrow();
    String who = "oidc:" + person.subject();
    Optional<Role> role = roles.roleFor(person.groups());
    Optional<StaffIdentities.Account> known = identities.byIdentity(issuer, person.subject());
    if (role.isEmpty()) {
      return refused(Refusal.NO_GROUP, known.map(a -> a.staffId()).orElse(null), who, remote);
    }
    String name = person.name().or(person::username).orElse("").trim();
    StaffIdentities.Account account;
    if (known.isPresent()) {
      account = known.get();
    } else {
      // Usernames here are lower case (the staff page makes them so); directories often are not
      // ("Sam.Jones@council.example"), and it is the same person either way.
      Optional<String> username =
          person
              .username()
              .map(u -> u.strip().toLowerCase(Locale.ROOT))
              .map(u -> u.isEmpty() || u.length() > 64 ? null : u);
      if (username.isEmpty()) {
        return refused(Refusal.NO_USERNAME, null, who, remote);
      }
      Optional<StaffIdentities.Account> sameName = identities.byUsername(username.get());
      if (sameName.isPresent() && sameName.get().linked()) {
        return refused(Refusal.TAKEN, sameName.get().staffId(), who, remote);
      }
      if (sameName.isPresent() && sameName.get().disabled()) {
        // Not linked either: a turned-off account is not handed to anyone.
        return refused(Refusal.DISABLED, sameName.get().staffId(), who, remote);
      }
      if (sameName.isPresent()) {
        // An account an administrator made before this person first signed in with the council:
        // the council's directory vouches for the username, so it becomes theirs.
        account = sameName.get();
        identities.link(issuer, person.subject(), account.staffId());
        // From now on the council decides whether they may sign in: a password here (or a link to
        // set one) would outlive their place in its groups.
        staff.useCouncilSignInOnly(account.staffId());
        audit.record(
            ACTOR,
            "staff.identity_linked",
            null,
            "staff:" + username.get(),
            "subject=" + person.subject());
      } else {
        StaffMember created =
            staff.createCouncilAccount(
                username.get(),
                clip(name.isEmpty() ? username.get() : name),
                role.get(),
                new LinkedHashSet<>(config.newStaffThemes()),
                Set.of(),
                Set.of());
        identities.link(issuer, person.subject(), created.id());
        audit.record(
            ACTOR,
            "staff.created",
            null,
            created.auditName(),
            "first council sign-in, role " + role.get() + ", subject=" + person.subject());
        account = new StaffIdentities.Account(created.id(), false, created.displayName(), true);
      }
    }
    if (account.disabled()) {
      return refused(Refusal.DISABLED, account.staffId(), who, remote);
    }
    StaffMember member = staff.findById(account.staffId()).orElseThrow();
    if (!name.isEmpty() && !clip(name).equals(member.displayName())) {
      identities.rename(member.id(), clip(name));
      audit.record(
          ACTOR, "staff.renamed", null, member.auditName(), "name from the council's directory");
    }
    if (member.role() != role.get()) {
      staff.changeRole(member.id(), role.get());
      audit.record(
          ACTOR,
          "staff.role_changed",
          null,
          member.auditName(),
          member.role() + " to " + role.get() + " by the council's groups");
    }
    identities.signedIn(issuer, person.subject());
    return new Outcome.SignedIn(staff.findById(member.id()).orElseThrow());
  }

  private Outcome refused(Refusal reason, String staffId, String why, String remote) {
    LOG.info("Council sign-in refused ({}): {}", reason.code(), why);
    String subject =
        staffId == null ? null : staff.findById(staffId).map(StaffMember::auditName).orElse(null);
    audit.record(
        "anonymous",
        "staff.sign_in_refused",
        null,
        subject,
        "council sign-in: " + reason.code() + " (" + clip(why, 500) + "), remote=" + remote);
    return new Outcome.Refused(reason);
  }

  private static String clip(String name) {
    return clip(name, 200);
  }

  private static String clip(String text, int most) {
    return text == null || text.length() <= most ? text : text.substring(0, most);
  }

  private String randomText(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
