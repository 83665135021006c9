-- Deliveries move in pages: one row and one Kafka record per page of recipients, not per recipient. A page is claimed
-- by one replica under a lease that its worker renews while it sends; its progress (a bit per entry whose outcome is
-- recorded) is written as it goes, so a crash resends at most the unrecorded tail. A channel with a mass audience
-- (email) writes a per-recipient delivery row only for a failure or a retry; channels whose every target keeps a log
-- (webhook endpoints, accounts) have their rows written with the page, as before.

create table delivery_page (
    -- "pg_" + hash of (notification, channel, page number) for a fan-out page; "rt_" + random for a page of retries
    id               varchar(64)  primary key,
    notification_id  varchar(160) not null references notification (id),
    event_id         varchar(128) not null,
    channel          varchar(32)  not null,
    -- a page of retries: its entries' counts live in their delivery rows
    retry            boolean      not null default false,
    -- every entry has a delivery row from the start (the channel logs every delivery)
    logged           boolean      not null default false,
    -- JSON array of {"id", "recipient", "attempt"}
    entries          text         not null,
    size             integer      not null,
    -- bit i set: the outcome of entry i is recorded
    done             bytea        not null,
    done_count       integer      not null default 0,
    -- successes of a page whose entries have no rows: counted only here
    sent             integer      not null default 0,
    state            varchar(16)  not null default 'pending' check (state in ('pending', 'sending', 'done')),
    claimed_by       varchar(64),
    lease_until      timestamptz,
    -- when its record was last produced (null: not yet); a page nobody claimed for long is produced again
    produced_at      timestamptz,
    created_at       timestamptz  not null default now(),
    updated_at       timestamptz  not null default now()
);
alter table delivery_page set (fillfactor = 80);
create index delivery_page_open on delivery_page (created_at) where state <> 'done';
create index delivery_page_by_event on delivery_page (event_id, channel);

-- Deliveries a previous version left pending or in flight (one Kafka record each) become retries due now: the sweeper
-- puts them back in pages.
update delivery set state = 'retrying', next_attempt_at = now(), claimed_at = null
where state in ('pending', 'sending');

-- What the receiving service called the delivery (a post's id, a message's timestamp), so later updates of a thread
-- can reply to it.
alter table delivery add column external_id varchar(500);

-- Pages a plan has recorded: the number of the next one, so a plan resumed after a crash finds the page it recorded.
alter table fanout_plan add column pages integer not null default 0;
