-- Forms filled in during a call. Answers are a JSON object of strings; who typed each answer is kept beside it.
create table form_sessions (
    id            varchar(36)  primary key,
    case_id       varchar(36)  not null references cases(id),
    call_id       varchar(36)  not null references calls(id),
    form_id       varchar(64)  not null,
    form_version  integer      not null,
    status        varchar(16)  not null,   -- OPEN, PAUSED, COMPLETED
    answers       text         not null,
    answered_by   text         not null,
    started_by    varchar(36)  not null,
    started_at    bigint       not null,
    updated_at    bigint       not null,
    document_id   varchar(36)
);
create index form_sessions_by_case on form_sessions(case_id);
create index form_sessions_by_call on form_sessions(call_id);

-- Files kept on a case (sealed form PDFs, signature evidence, later scans and photos). The bytes live in the
-- file store under storage_key; sha256 lets anyone check a file is the one that was stored.
create table case_documents (
    id            varchar(36)  primary key,
    case_id       varchar(36)  not null references cases(id),
    kind          varchar(32)  not null,
    title         varchar(300) not null,
    media_type    varchar(100) not null,
    size_bytes    bigint       not null,
    sha256        varchar(64)  not null,
    storage_key   varchar(300) not null,
    created_by    varchar(200) not null,
    created_at    bigint       not null,
    source_id     varchar(36),             -- e.g. the form session it came from
    evidence_of   varchar(36)              -- a document this one is evidence for (signature strokes of a PDF)
);
create index case_documents_by_case on case_documents(case_id);
