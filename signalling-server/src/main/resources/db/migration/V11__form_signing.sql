-- A form the resident has signed is SIGNING until its sealed record is stored (statuses now: OPEN, PAUSED, SIGNING,
-- COMPLETED). The signature and who gave it are kept with the session, so a server that stops while a form is being
-- sealed seals it again on the next start instead of losing the resident's signature.
alter table form_sessions add column signature text;
alter table form_sessions add column signed_at bigint;
alter table form_sessions add column signed_by varchar(100);
