-- The fan-out: one notification per status change worth telling, one delivery per (notification, channel,
-- recipient), every attempt logged.

create table notification (
    id            varchar(160) primary key,
    event_id      varchar(128) not null,
    kind          varchar(40)  not null,
    subject_id    varchar(64)  not null,
    -- everything a channel needs to render it (JSON of fanout.Notification)
    payload       text         not null,
    created_at    timestamptz  not null default now()
);
create index notification_by_event on notification (event_id);
-- The first notification about an incident or maintenance is the one later ones thread under.
create index notification_by_subject on notification (subject_id, created_at);

-- Planning progress per (notification, channel): pages of recipients are produced in order and the cursor moves
-- only after Kafka acknowledged a page, so a crash resumes where it stopped.
create table fanout_plan (
    notification_id  varchar(160) not null references notification (id),
    channel          varchar(32)  not null,
    cursor           varchar(254),
    planned          integer      not null default 0,
    done             boolean      not null default false,
    claimed_by       varchar(64),
    claimed_until    timestamptz,
    primary key (notification_id, channel)
);
create index fanout_plan_open on fanout_plan (notification_id) where not done;

create table delivery (
    id               varchar(64)  primary key,
    notification_id  varchar(160) not null references notification (id),
    event_id         varchar(128) not null,
    channel          varchar(32)  not null,
    recipient        varchar(254) not null,
    -- the channel's Recipient (address, locale, attributes) as JSON, to produce the delivery again for a retry
    recipient_data   text         not null,
    state            varchar(16)  not null check (state in ('pending', 'sending', 'sent', 'retrying', 'failed', 'dead')),
    attempts         integer      not null default 0,
    next_attempt_at  timestamptz,
    claimed_at       timestamptz,
    last_error       text,
    created_at       timestamptz  not null default now(),
    updated_at       timestamptz  not null default now()
);
-- A delivery's row changes twice per attempt (claimed, then its outcome). No index covers the columns those changes
-- touch (state, attempts, claimed_at, last_error), so PostgreSQL updates the row in place (HOT) without touching
-- any index; fillfactor leaves the page room for it.
alter table delivery set (fillfactor = 70);
create index delivery_by_event on delivery (event_id, channel);
create index delivery_due on delivery (next_attempt_at) where next_attempt_at is not null;
create index delivery_by_recipient on delivery (channel, recipient, created_at desc);

create table delivery_attempt (
    id            bigserial    primary key,
    delivery_id   varchar(64)  not null,
    attempt       integer      not null,
    outcome       varchar(16)  not null,
    status_code   integer,
    duration_ms   integer,
    error         text,
    attempted_at  timestamptz  not null default now()
);
create index delivery_attempt_by_delivery on delivery_attempt (delivery_id, attempt);
