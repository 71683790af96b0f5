-- A member of staff's second factor (issue 15, docs/adr/0037-totp-second-factor.md). One row per person: the TOTP
-- secret sealed with the server's key (AES-GCM, never stored in the clear), when they proved their app has it
-- (null while they are still setting it up: not yet asked for at sign-in), and the last 30-second step a code was
-- accepted for, so a code once used is refused (ASVS 2.8.4).
create table staff_totp (
    staff_id      varchar(36)  primary key references staff(id),
    sealed_secret varchar(200) not null,
    confirmed_at  bigint,
    last_step     bigint
);
