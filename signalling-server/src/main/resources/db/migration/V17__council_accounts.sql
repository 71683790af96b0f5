-- Accounts that sign in only through the council's identity provider (ADR 0036, issue 15 trial): no password here,
-- and none can be set, so leaving the council's group is enough to keep someone out. Accounts already linked to a
-- council identity become such accounts, and lose any password they had.
alter table staff add column council_sign_in boolean not null default false;
update staff set council_sign_in = true, password_hash = '' where id in (select staff_id from staff_identities);
