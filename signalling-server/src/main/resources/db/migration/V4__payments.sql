-- Card payments taken on a kiosk's reader during a call. Card data never reaches this database: only what Stripe
-- reports back (brand, last four digits and the EMV receipt fields the card networks require on a receipt).
create table payments (
    id                 varchar(36)  primary key,
    case_id            varchar(36)  not null references cases(id),
    call_id            varchar(36)  not null references calls(id),
    kiosk_id           varchar(36)  not null,
    reader_id          varchar(100) not null,
    amount_pence       bigint       not null,
    currency           varchar(3)   not null,
    item_id            varchar(64),
    description        varchar(200) not null,
    fund_code          varchar(32),
    vat_code           varchar(32),
    status             varchar(24)  not null,   -- see PaymentStatus
    attempt            integer      not null,   -- card attempts on this payment; part of the reader's idempotency key
    payment_intent_id  varchar(100),
    message            varchar(500),            -- the last plain-words explanation (decline reason, reader problem)
    card_brand         varchar(32),
    card_last4         varchar(4),
    receipt_fields     text,                    -- EMV receipt fields as JSON
    receipt_document_id varchar(36),
    requested_by       varchar(36)  not null,
    requested_by_name  varchar(200) not null,
    created_at         bigint       not null,
    updated_at         bigint       not null
);
create index payments_by_case on payments(case_id);
create index payments_by_status on payments(status);
create unique index payments_by_intent on payments(payment_intent_id);

-- Every status a payment passed through, in order: the history an auditor reads.
create table payment_status_history (
    payment_id  varchar(36)  not null references payments(id),
    seq         integer      not null,
    status      varchar(24)  not null,
    detail      varchar(500),
    actor       varchar(200) not null,
    at          bigint       not null,
    primary key (payment_id, seq)
);

create table refunds (
    id               varchar(36)  primary key,
    payment_id       varchar(36)  not null references payments(id),
    amount_pence     bigint       not null,
    reason           varchar(500) not null,
    stripe_refund_id varchar(100),
    status           varchar(16)  not null,   -- SUCCEEDED, PENDING, FAILED
    refunded_by      varchar(200) not null,
    created_at       bigint       not null
);
create index refunds_by_payment on refunds(payment_id);

-- Stripe webhook events already acted on: a replayed delivery finds its id here and is acknowledged, not re-applied.
create table stripe_events (
    event_id     varchar(100) primary key,
    type         varchar(100) not null,
    received_at  bigint       not null
);

-- Which card reader is fitted to which kiosk (a Stripe Terminal reader id such as tmr_...).
create table card_readers (
    kiosk_id   varchar(36)  primary key,
    reader_id  varchar(100) not null,
    label      varchar(200),
    updated_at bigint       not null
);
