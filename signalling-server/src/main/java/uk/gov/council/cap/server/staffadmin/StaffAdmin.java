package uk.gov.council.cap.server.staffadmin;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import uk.gov.council.cap.server.audit.AuditLog;
import uk.gov.council.cap.server.sites.Site;
import uk.gov.council.cap.server.sites.SiteRepository;
import uk.gov.council.cap.server.staff.Role;
import uk.gov.council.cap.server.staff.StaffAccount;
import uk.gov.council.cap.server.staff.StaffMember;
import uk.gov.council.cap.server.staff.StaffRepository;
import uk.gov.council.cap.server.web.ApiError;

/**
 * What an admin may do to staff accounts, and the rules that keep the council able to administer
 * itself: nobody turns off or demotes themselves, and the last admin who can sign in stays one.
 * Every change is audited with who made it, what changed (old to new) and the reason given.
 *
 * <p>Changes are made one at a time on this server (two admins demoting each other at the same
 * moment must not leave none); see docs/adr/0038-staff-administration.md for several servers.
 */
final class StaffAdmin {
  private final StaffRepository staff;
  private final SiteRepository sites;
  private final PasswordLinks links;
  private final AuditLog audit;
  private final boolean councilSignIn;

  StaffAdmin(
      StaffRepository staff,
      SiteRepository sites,
      PasswordLinks links,
      AuditLog audit,
      boolean councilSignIn) {
    this.staff = staff;
    this.sites = sites;
    this.links = links;
    this.audit = audit;
    this.councilSignIn = councilSignIn;
  }

  /**
   * A new account and the one-time link its owner sets a password with; no link for someone who
   * signs in with their council account.
   */
  record Created(StaffMember member, Optional<PasswordLinks.Issued> link) {}

  boolean councilSignIn() {
    return councilSignIn;
  }

  synchronized Created create(StaffMember admin, StaffForm.NewStaff in) {
    StaffForm.Checker check = new StaffForm.Checker();
    String username = check.username(in.username());
    StaffForm.Details d =
        details(check, in.displayName(), in.role(), in.themes(), in.sites(), in.languages(), null);
    String reason = check.reason(in.reason());
    if (!username.isEmpty() && staff.usernameTaken(username)) {
      check.problem(
          "username",
          "Someone already has the username "
              + username
              + " (usernames are never reused, even after an account is turned off)");
    }
    if (in.byCouncil() && !councilSignIn) {
      check.problem(
          "signIn", "Council sign-in is not set up on this server: choose a password link");
    }
    check.done();
    StaffMember made =
        in.byCouncil()
            ? staff.createCouncilAccount(
                username, d.displayName(), d.role(), d.themes(), d.sites(), d.languages())
            : staff.create(
                username, d.displayName(), d.role(), d.themes(), d.sites(), d.languages());
    audit.record(
        admin.auditName(),
        "staff.created",
        null,
        made.auditName(),
        "name="
            + made.displayName()
            + "; role="
            + made.role()
            + "; "
            + skills(made)
            + (in.byCouncil() ? "; signs in with their council account" : "")
            + "; reason: "
            + reason);
    return new Created(
        made,
        in.byCouncil() ? Optional.empty() : Optional.of(issueLink(admin, made, "new account")));
  }

  synchronized StaffMember change(StaffMember admin, String id, StaffForm.Change in) {
    StaffAccount before = account(id);
    StaffMember old = before.member();
    StaffForm.Checker check = new StaffForm.Checker();
    StaffForm.Details d =
        details(check, in.displayName(), in.role(), in.themes(), in.sites(), in.languages(), old);
    String reason = check.reason(in.reason());
    if (d.role() != null && d.role() != old.role()) {
      if (old.id().equals(admin.id())) {
        check.problem(
            "role", "You cannot change your own role. Ask another administrator to do it");
      } else if (lastAdmin(before)) {
        check.problem(
            "role", "This is the only administrator who can sign in: make someone else one first");
      }
    }
    check.done();
    List<String> changes = new ArrayList<>();
    note(changes, "name", old.displayName(), d.displayName());
    note(changes, "themes", list(old.themes()), list(d.themes()));
    note(changes, "sites", list(old.sites()), list(d.sites()));
    note(changes, "languages", list(old.languages()), list(d.languages()));
    note(changes, "role", old.role().name(), d.role().name());
    if (changes.isEmpty()) {
      return old;
    }
    staff.updateDetails(id, d.displayName(), d.themes(), d.sites(), d.languages());
    if (d.role() != old.role()) {
      staff.changeRole(id, d.role());
    }
    audit.record(
        admin.auditName(),
        "staff.updated",
        null,
        old.auditName(),
        String.join("; ", changes) + "; reason: " + reason);
    return staff.findById(id).orElseThrow();
  }

  /** Turns an account off (ending its sessions and sockets at once) or back on. */
  synchronized void setDisabled(StaffMember admin, String id, boolean disabled, String why) {
    StaffAccount target = account(id);
    StaffForm.Checker check = new StaffForm.Checker();
    String reason = check.reason(why);
    check.done();
    if (disabled && target.member().id().equals(admin.id())) {
      throw new ApiError(
          409, "You cannot turn off your own account. Ask another administrator to do it.");
    }
    if (disabled && lastAdmin(target)) {
      throw new ApiError(
          409,
          "This is the only administrator who can sign in, so it cannot be turned off. Make someone"
              + " else an administrator first.");
    }
    if (staff.setDisabled(id, disabled)) {
      audit.record(
          admin.auditName(),
          disabled ? "staff.disabled" : "staff.enabled",
          null,
          target.member().auditName(),
          "reason: " + reason);
    }
  }

  /** A new one-time link for someone who forgot their password (their older links stop working). */
  synchronized PasswordLinks.Issued passwordLink(StaffMember admin, String id, String why) {
    StaffAccount target = account(id);
    StaffForm.Checker check = new StaffForm.Checker();
    String reason = check.reason(why);
    check.done();
    if (target.disabled()) {
      throw new ApiError(
          409, "This account is turned off. Turn it on before making a password link.");
    }
    if (target.councilSignIn()) {
      // A password here would outlive their place in the council's groups.
      throw new ApiError(
          409,
          target.member().displayName()
              + " signs in with their council account, so they cannot have a password here.");
    }
    return issueLink(admin, target.member(), reason);
  }

  private PasswordLinks.Issued issueLink(StaffMember admin, StaffMember member, String reason) {
    PasswordLinks.Issued link = links.issue(member.id(), admin.auditName());
    audit.record(
        admin.auditName(),
        "staff.password_link_made",
        null,
        member.auditName(),
        "expires " + link.expiresAt() + "; reason: " + reason);
    return link;
  }

  StaffRepository staff() {
    return staff;
  }

  StaffAccount account(String id) {
    if (id == null || id.length() > 64) {
      throw ApiError.notFound("There is no member of staff with that id.");
    }
    return staff
        .account(id)
        .orElseThrow(() -> ApiError.notFound("There is no member of staff with that id."));
  }

  private boolean lastAdmin(StaffAccount a) {
    return a.member().role() == Role.ADMIN && !a.disabled() && staff.enabledAdmins() <= 1;
  }

  /** Every theme some site handles: what an advisor may be given. */
  Set<String> knownThemes() {
    return sites.all().stream()
        .flatMap(s -> Stream.concat(s.themes().stream(), s.enquiryThemes().stream()))
        .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
  }

  List<Site> allSites() {
    return sites.all();
  }

  private StaffForm.Details details(
      StaffForm.Checker check,
      String displayName,
      String role,
      List<String> themes,
      List<String> siteIds,
      List<String> languages,
      StaffMember old) {
    Set<String> known = knownThemes();
    Set<String> siteIdsKnown =
        sites.all().stream().map(Site::id).collect(Collectors.toUnmodifiableSet());
    // A theme or site the person already has stays allowed: a site renamed its themes since.
    Set<String> oldThemes = old == null ? Set.of() : old.themes();
    Set<String> oldSites = old == null ? Set.of() : old.sites();
    return new StaffForm.Details(
        check.displayName(displayName),
        check.role(role),
        check.choices("themes", "themes", themes, t -> known.contains(t) || oldThemes.contains(t)),
        check.choices(
            "sites", "sites", siteIds, s -> siteIdsKnown.contains(s) || oldSites.contains(s)),
        check.choices("languages", "languages", languages, Languages::known));
  }

  private static String skills(StaffMember m) {
    return "themes="
        + list(m.themes())
        + "; sites="
        + (m.sites().isEmpty() ? "(every site)" : list(m.sites()))
        + "; languages="
        + list(m.languages());
  }

  private static void note(List<String> changes, String what, String old, String now) {
    if (!Objects.equals(old, now)) {
      changes.add(what + ": " + old + " -> " + now);
    }
  }

  private static String list(Set<String> items) {
    return items.isEmpty() ? "(none)" : String.join(",", items.stream().sorted().toList());
  }
}
