-- The fleet: what each kiosk last said about itself, its device settings, its self-tests, and the alerts raised
-- about it. Live online/offline state is held in memory by the fleet monitor; last_seen_at survives a restart.
alter table kiosks add column last_seen_at bigint;
alter table kiosks add column app_version varchar(40);
-- The kiosk's devices as the technician set them in the console ({"scanner": "...", ...}); pushed in kiosk.config.
alter table kiosks add column device_settings text;

create table kiosk_self_tests (
    id          varchar(36)  primary key,
    kiosk_id    varchar(36)  not null references kiosks(id),
    ran_at      bigint       not null,
    passed      boolean      not null,
    results     text         not null   -- JSON list of {check, passed, detail, fix}
);
create index kiosk_self_tests_by_kiosk on kiosk_self_tests (kiosk_id, ran_at);

create table fleet_alerts (
    id          varchar(36)  primary key,
    kiosk_id    varchar(36)  not null references kiosks(id),
    kind        varchar(40)  not null,   -- offline, device
    subject     varchar(40)  not null,   -- "kiosk" or the device
    message     varchar(500) not null,
    raised_at   bigint       not null,
    cleared_at  bigint
);
create index fleet_alerts_open on fleet_alerts (kiosk_id, cleared_at);

-- A site's postal address, for technicians finding it and for the fleet page.
alter table sites add column address varchar(500) default '' not null;
