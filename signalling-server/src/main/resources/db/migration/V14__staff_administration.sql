-- Staff administration without SQL (issue 15). Each person's routing skills besides themes: the sites whose calls
-- they take (site ids, comma-separated; empty means every site) and the languages they speak (BCP 47 codes). When
-- and how each person last signed in, so an admin can see accounts nobody uses. An account made on the admin page
-- has no password yet: password_hash is '' until its owner sets one through a one-time link.
alter table staff add column sites varchar(2000) default '' not null;
alter table staff add column languages varchar(500) default '' not null;
alter table staff add column last_signed_in_at bigint;
alter table staff add column last_signed_in_by varchar(32);

-- One-time links to set a password, for a new account or someone who forgot theirs. Only the token's SHA-256 is
-- kept; a link expires, and is marked used the moment a password is set with it.
create table password_links (
    token_hash  varchar(64)  primary key,
    staff_id    varchar(36)  not null references staff(id),
    created_by  varchar(200) not null,
    created_at  bigint       not null,
    expires_at  bigint       not null,
    used_at     bigint
);
create index password_links_by_staff on password_links(staff_id);
