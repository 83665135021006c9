-- Chat destinations (CONTRACT sections 3 and 6): Slack, Teams, Discord, Google Chat, Mattermost, Telegram, Matrix.
-- Deliveries to them live in the fan-out's delivery log like any channel's (channel 'chat', recipient = id), with the
-- post each became (external_id), so the updates of an incident keep threading after a restart.

create table chat_destination (
    -- "dst_" and random hex: the fan-out pages destinations in id order, so ids must be unique and sortable
    id              varchar(40)   primary key,
    -- the chat service: slack, teams, discord, googlechat, mattermost, telegram, matrix
    type            varchar(32)   not null,
    name            varchar(200),
    -- the type's own fields (url; token and channel; token and chatId; homeserver, roomId and accessToken):
    -- kept in clear, since every message needs them; the admin API shows them masked
    fields          jsonb         not null,
    -- contract event types; empty = every type
    events          varchar(64)[] not null default '{}',
    -- component ids; empty = every component
    components      varchar(64)[] not null default '{}',
    -- the language of its messages (one of heraldo.languages)
    lang            varchar(16)   not null,
    enabled         boolean       not null default true,
    -- why it was disabled: an authentication error, a webhook URL gone, failing since heraldo.webhook.disable-after
    disabled_reason text,
    -- the first failure since the last success
    failing_since   timestamptz,
    created_at      timestamptz   not null default now(),
    updated_at      timestamptz   not null default now()
);
create index chat_destination_enabled on chat_destination (id) where enabled;
