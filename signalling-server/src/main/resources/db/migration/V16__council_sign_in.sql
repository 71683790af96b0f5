-- Council sign-in with OpenID Connect (docs/adr/0036-council-sign-in-openid-connect.md).

-- A sign-in sent to the council's provider and not yet back. Keyed by a hash of its state, so a
-- copy of this table does not let anyone finish someone else's sign-in; deleted when used (single
-- use) or once expired.
create table oidc_pending_logins (
    state_hash    varchar(64)  primary key,
    nonce         varchar(100) not null,
    code_verifier varchar(200) not null,
    created_at    bigint       not null,
    expires_at    bigint       not null
);

create index oidc_pending_logins_expiry on oidc_pending_logins (expires_at);

-- Who a member of staff is at the council's provider: its issuer and the subject it gives them,
-- which never changes (their name, email and username may).
create table staff_identities (
    issuer            varchar(500) not null,
    subject           varchar(255) not null,
    staff_id          varchar(36)  not null unique references staff(id),
    created_at        bigint       not null,
    last_signed_in_at bigint       not null,
    primary key (issuer, subject)
);
