-- Email subscribers and the outbox that mirrors every change of theirs to the compacted topic heraldo-subscribers.

create table subscriber (
    id            uuid         primary key,
    -- normalized: trimmed, domain lower-cased; unique without regard to case
    email         varchar(254) not null,
    locale        varchar(8)   not null,
    -- component ids followed; empty = every component
    components    text[]       not null default '{}',
    state         varchar(16)  not null check (state in ('pending', 'confirmed', 'unsubscribed', 'suppressed')),
    -- rotated on each new opt-in, so an old confirmation link stops working
    confirm_nonce varchar(64)  not null,
    -- consecutive temporary bounces (the support mailbox suppresses at three)
    soft_bounces  integer      not null default 0,
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null,
    confirmed_at  timestamptz
);
create unique index subscriber_email on subscriber (lower(email));
-- The fan-out pages confirmed subscribers in id order.
create index subscriber_confirmed on subscriber (id) where state = 'confirmed';

-- Written in the same transaction as the subscriber change; the relay publishes and marks it.
create table subscriber_outbox (
    id             bigserial    primary key,
    subscriber_id  uuid         not null,
    -- the whole subscriber after the change, as published (JSON)
    payload        text         not null,
    created_at     timestamptz  not null default now(),
    published_at   timestamptz
);
create index subscriber_outbox_unpublished on subscriber_outbox (id) where published_at is null;

-- Secrets Heraldo generates for itself and shares between replicas (e.g. the key of subscriber tokens).
create table app_secret (
    name        varchar(64)  primary key,
    value       varchar(256) not null,
    created_at  timestamptz  not null default now()
);
