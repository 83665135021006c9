-- The operators' console (CONTRACT section 7).

-- Signed-in sessions, kept in the database so every replica knows them and a restart signs nobody out. Only the
-- SHA-256 of the cookie's value is stored: a copy of this table opens no session.
create table console_session (
    id_hash     varchar(64)  primary key,
    actor       varchar(64)  not null,
    csrf        varchar(64)  not null,
    created_at  timestamptz  not null default now(),
    expires_at  timestamptz  not null
);
create index console_session_by_expiry on console_session (expires_at);

-- Saved incident texts in both languages, to start a form from.
create table console_template (
    id          varchar(64)  primary key,
    name        varchar(200) not null,
    title_es    varchar(200) not null default '',
    title_en    varchar(200) not null default '',
    body_es     text         not null default '',
    body_en     text         not null default '',
    updated_at  timestamptz  not null default now()
);
