package uk.gov.council.cap.server.staff;

import java.time.Instant;

/**
 * What the staff administration page knows about one account, besides the member themselves:
 * whether it is turned off, whether a password has been set, whether they sign in only with their
 * council account, and when and how its owner last signed in ({@code lastSignedInBy}: "password",
 * "password+totp", "oidc"; null if never).
 */
public record StaffAccount(
    StaffMember member,
    boolean disabled,
    boolean hasPassword,
    boolean councilSignIn,
    Instant lastSignedInAt,
    String lastSignedInBy) {}
