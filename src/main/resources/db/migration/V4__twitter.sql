-- Twitter/X: what became of each notification on the account, so later updates reply to the previous tweet of
-- their incident or maintenance, across restarts. tweet_id is null when X refused it for good (a duplicate): the
-- thread goes on from the tweet before.
create table tweet (
    notification_id  varchar(160) primary key references notification (id),
    thread_id        varchar(160) not null,
    tweet_id         varchar(32),
    reply_to         varchar(32),
    outcome          varchar(16)  not null check (outcome in ('posted', 'failed')),
    posted_at        timestamptz  not null default now()
);
create index tweet_by_thread on tweet (thread_id, posted_at);
