-- Documents scanned at the kiosk during a call. Pages are held here until the advisor accepts the scan, which turns
-- them into one PDF/A on the case (case_documents); pages of a scan that is not accepted are deleted.
create table scan_sessions (
    id            varchar(36)  primary key,
    case_id       varchar(36)  not null references cases(id),
    call_id       varchar(36)  not null references calls(id),
    kiosk_id      varchar(36)  not null,
    doc_type      varchar(32)  not null,   -- PROOF_OF_ADDRESS, PROOF_OF_IDENTITY, OTHER
    source        varchar(16)  not null,   -- FLATBED, FEEDER, CAMERA
    status        varchar(16)  not null,   -- WAITING, CAPTURED, ACCEPTED, CANCELLED
    message       varchar(500),
    requested_by  varchar(36)  not null,
    document_id   varchar(36),
    created_at    bigint       not null,
    updated_at    bigint       not null
);
create index scan_sessions_by_case on scan_sessions(case_id);

create table scan_pages (
    scan_id      varchar(36)  not null references scan_sessions(id),
    page_no      integer      not null,
    sha256       varchar(64)  not null,
    size_bytes   bigint       not null,
    width        integer      not null,
    height       integer      not null,
    dpi          integer      not null,
    rotation     integer      not null,   -- 0, 90, 180 or 270, applied as the PDF page's /Rotate: never re-encoded
    storage_key  varchar(300) not null,
    captured_at  bigint       not null,
    primary key (scan_id, page_no)
);
