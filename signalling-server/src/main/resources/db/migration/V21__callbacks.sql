-- Call backs a resident asked for at a kiosk (issue 17, docs/adr/0048-callbacks.md). Each has its own case, opened
-- when it is booked; the phone number is personal data (shown to staff only when they open or take the callback, and
-- each time audited). Names of the kiosk, site and case reference are kept as they were at booking, for the list.
create table callbacks (
    id              varchar(36)   primary key,
    reference       varchar(16)   not null unique,
    case_id         varchar(36)   not null references cases(id),
    case_reference  varchar(16)   not null,
    kiosk_id        varchar(36)   not null,
    kiosk_name      varchar(200)  not null,
    site_id         varchar(36)   not null,
    site_name       varchar(200)  not null,
    name            varchar(60)   not null,
    phone           varchar(16)   not null,   -- E.164, +44...
    slot_start      bigint        not null,
    slot_end        bigint        not null,
    slot_text       varchar(100)  not null,   -- "Thursday 3 December, morning, 09:00 to 12:00" in the site's time zone
    theme           varchar(64)   not null,
    language        varchar(16),
    status          varchar(16)   not null,   -- REQUESTED, NO_ANSWER (try again), RESOLVED, NOT_HELPED
    assigned_to     varchar(36),
    assigned_name   varchar(200),
    attempts        integer       not null,
    result_notes    varchar(4000),
    requested_at    bigint        not null,
    updated_at      bigint        not null
);
create index callbacks_by_status on callbacks(status, slot_start);
create index callbacks_by_kiosk on callbacks(kiosk_id, requested_at);
