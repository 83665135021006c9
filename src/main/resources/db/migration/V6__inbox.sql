-- The support mailbox (contract 4b). Every message is claimed here before Heraldo acts on it, so it is handled once
-- across restarts and replicas; a message already handled is only moved.
create table inbox_message (
    -- the Message-ID, or a digest of stable headers when there is none (or it is too long)
    message_key  varchar(255) primary key,
    state        varchar(16)  not null check (state in ('claimed', 'handled', 'failed', 'retry')),
    -- the replica that claimed it last
    replica      varchar(128) not null,
    attempts     integer      not null default 1,
    -- what was done: replied, unsubscribed, bounce...; or the reason it failed
    outcome      varchar(200),
    claimed_at   timestamptz  not null,
    finished_at  timestamptz
);

-- The last status reply to each sender: at most one per heraldo.inbox.reply-interval, whichever replica answers.
create table inbox_reply (
    -- lower case
    sender      varchar(254) primary key,
    replied_at  timestamptz  not null
);
