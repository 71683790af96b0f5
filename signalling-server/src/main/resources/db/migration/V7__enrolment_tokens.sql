-- One-time enrolment tokens a technician creates for a new kiosk. Only the token's SHA-256 is kept; it expires and
-- is marked used the moment a kiosk enrols with it, so it can never enrol a second kiosk.
create table enrolment_tokens (
    token_hash   varchar(64)  primary key,
    site_id      varchar(36)  not null,
    kiosk_name   varchar(100) not null,
    created_by   varchar(200) not null,
    created_at   bigint       not null,
    expires_at   bigint       not null,
    used_at      bigint,
    kiosk_id     varchar(36)
);
