-- Heraldo status model. Times are timestamptz; enumerations are stored by their contract names.

-- Every event id applied, so a repeated id is acknowledged and ignored, across restarts and replicas.
create table applied_event (
    event_id    varchar(128) primary key,
    type        varchar(64)  not null,
    subject     varchar(64)  not null,
    applied_at  timestamptz  not null default now()
);

create sequence component_position;

create table component (
    id              varchar(64)  primary key,
    name            varchar(200) not null,
    group_name      varchar(200),
    position        integer      not null,
    -- what monitoring and incidents last said
    reported_status varchar(32)  not null,
    -- what the page shows: reported_status with maintenance in progress laid over it
    status          varchar(32)  not null,
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null
);

-- Each change of a component's shown status, for uptime history.
create table component_status_change (
    id            bigserial    primary key,
    component_id  varchar(64)  not null references component (id),
    status        varchar(32)  not null,
    changed_at    timestamptz  not null,
    event_id      varchar(128) not null
);
create index component_status_change_by_component on component_status_change (component_id, changed_at);

create table incident (
    id             varchar(64)  primary key,
    title          varchar(200) not null,
    status         varchar(32)  not null,
    impact         varchar(16)  not null,
    created_at     timestamptz  not null,
    updated_at     timestamptz  not null,
    monitoring_at  timestamptz,
    resolved_at    timestamptz
);
create index incident_open on incident (created_at) where resolved_at is null;
create index incident_recent on incident (created_at desc);

-- The components an incident touches, with the status the incident last gave each.
create table incident_component (
    incident_id   varchar(64) not null references incident (id),
    component_id  varchar(64) not null references component (id),
    status        varchar(32) not null,
    primary key (incident_id, component_id)
);
create index incident_component_by_component on incident_component (component_id);

create table incident_update (
    id                   varchar(128) primary key,
    incident_id          varchar(64)  not null references incident (id),
    seq                  bigserial    not null,
    status               varchar(32)  not null,
    body                 text         not null,
    lang                 varchar(8)   not null,
    tweet                text,
    -- [{"code","name","old_status","new_status"}]
    affected_components  jsonb        not null default '[]',
    notify               jsonb,
    created_at           timestamptz  not null
);
create index incident_update_by_incident on incident_update (incident_id, created_at desc, seq desc);

create table maintenance (
    id               varchar(64)  primary key,
    title            varchar(200) not null,
    status           varchar(32)  not null,
    scheduled_for    timestamptz  not null,
    scheduled_until  timestamptz  not null,
    -- rises with every change: the iCalendar SEQUENCE
    revision         integer      not null default 0,
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    started_at       timestamptz,
    finished_at      timestamptz
);
create index maintenance_pending on maintenance (scheduled_for) where status in ('scheduled', 'in_progress', 'verifying');

create table maintenance_component (
    maintenance_id  varchar(64) not null references maintenance (id),
    component_id    varchar(64) not null references component (id),
    primary key (maintenance_id, component_id)
);
create index maintenance_component_by_component on maintenance_component (component_id);

create table maintenance_update (
    id              varchar(128) primary key,
    maintenance_id  varchar(64)  not null references maintenance (id),
    seq             bigserial    not null,
    status          varchar(32)  not null,
    body            text,
    lang            varchar(8),
    tweet           text,
    notify          jsonb,
    created_at      timestamptz  not null
);
create index maintenance_update_by_maintenance on maintenance_update (maintenance_id, created_at desc, seq desc);

create table notice (
    id            varchar(64)  primary key,
    title         varchar(200) not null,
    body          text         not null,
    lang          varchar(8)   not null,
    published_at  timestamptz  not null,
    event_id      varchar(128) not null
);

create table metric (
    id    varchar(64)  primary key,
    name  varchar(200) not null,
    unit  varchar(32)
);

create table metric_point (
    metric_id  varchar(64)      not null references metric (id),
    t          timestamptz      not null,
    v          double precision not null,
    primary key (metric_id, t)
);

-- One row: bumped with every applied change, so readers can tell whether what they cached is still current.
create table page_state (
    id          integer     primary key check (id = 1),
    revision    bigint      not null,
    updated_at  timestamptz not null
);
insert into page_state (id, revision, updated_at) values (1, 0, now());
