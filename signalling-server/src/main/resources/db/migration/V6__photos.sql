-- ID photos taken at the kiosk during a call. The still waits here for the advisor to approve it (or ask for a
-- retake); approved, it is cropped to 35:45 and kept on the case with the badge made from it.
create table photo_sessions (
    id                 varchar(36)  primary key,
    case_id            varchar(36)  not null references cases(id),
    call_id            varchar(36)  not null references calls(id),
    kiosk_id           varchar(36)  not null,
    status             varchar(16)  not null,   -- WAITING, CAPTURED, APPROVED, CANCELLED
    requested_by       varchar(36)  not null,
    still_key          varchar(300),
    still_width        integer,
    still_height       integer,
    photo_document_id  varchar(36),
    badge_document_id  varchar(36),
    id_number          varchar(32),
    created_at         bigint       not null,
    updated_at         bigint       not null
);
create index photo_sessions_by_case on photo_sessions(case_id);
