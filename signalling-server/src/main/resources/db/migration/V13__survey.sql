-- The satisfaction survey the kiosk offers as each connected call ends (issue 14). One row per call: ASKED when the
-- call ends, ANSWERED with the resident's rating (and an optional reason chosen from a list), or LAPSED when the
-- answer window passed. Names are kept as they were at the time, so the export reads the same after a kiosk is renamed.
create table survey_answers (
    call_id         varchar(36)  primary key references calls(id),
    case_id         varchar(36)  not null references cases(id),
    case_reference  varchar(32)  not null,
    kiosk_id        varchar(36)  not null,
    kiosk_name      varchar(200) not null,
    advisor_id      varchar(36)  not null,
    status          varchar(16)  not null,   -- ASKED, ANSWERED, LAPSED
    rating          varchar(8),              -- GOOD, OK, POOR
    reason          varchar(32),
    asked_at        bigint       not null,
    answered_at     bigint
);
create index survey_answers_by_case on survey_answers(case_id);
create index survey_answers_by_time on survey_answers(answered_at);
