-- Webhook endpoints (CONTRACT section 3). Deliveries to them live in the fan-out's delivery log like any channel's.

create table webhook_endpoint (
    -- "ep_" and random hex: the fan-out pages endpoints in id order, so ids must be unique and sortable
    id              varchar(40)   primary key,
    url             varchar(2000) not null,
    -- "whsec_" + base64 key: kept in clear, since every delivery is signed with it
    secret          varchar(200)  not null,
    -- contract event types; empty = every type
    events          varchar(64)[] not null default '{}',
    -- component ids; empty = every component
    components      varchar(64)[] not null default '{}',
    enabled         boolean       not null default true,
    disabled_reason text,
    -- the first failure since the last success: an endpoint failing for heraldo.webhook.disable-after is disabled
    failing_since   timestamptz,
    created_at      timestamptz   not null default now(),
    updated_at      timestamptz   not null default now()
);
create index webhook_endpoint_enabled on webhook_endpoint (id) where enabled;
