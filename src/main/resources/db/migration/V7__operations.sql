-- Operations: the trace of the event a notification came from, and the audit log of the admin API.

-- The W3C traceparent of the event's span (null when tracing is off): the planner continues that trace.
alter table notification add column trace_parent varchar(64);

-- Every admin request, allowed or not: who (a token's id, never the token), what, when and how it ended.
create table admin_audit (
    id      bigserial    primary key,
    at      timestamptz  not null default now(),
    -- the token's name or "token-<first 8 hex of its SHA-256>"; "anonymous" when no valid token was presented
    actor   varchar(64)  not null,
    method  varchar(10)  not null,
    path    varchar(500) not null,
    -- the id the request acted on (a webhook, an event), when there is one
    target  varchar(200),
    status  integer      not null,
    client  varchar(64)
);
create index admin_audit_by_time on admin_audit (at desc);
