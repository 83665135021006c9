-- Confirmation mails are sent off the request path: the opt-in's transaction queues one here, a background sender
-- on every replica sends it and deletes the row (a crash in between sends it again, never loses it). The request
-- then takes the same path and time whether the address was new or subscribed already.
create table confirmation_mail (
    id               bigserial    primary key,
    -- no foreign key: a subscriber removed meanwhile (a restore) only makes the row go unsent
    subscriber_id    uuid         not null,
    -- the nonce of the opt-in this mail confirms; a newer opt-in voids it
    confirm_nonce    varchar(64)  not null,
    attempts         integer      not null default 0,
    -- due time; while a sender has the row, the end of its lease
    next_attempt_at  timestamptz  not null default now(),
    last_error       varchar(500),
    created_at       timestamptz  not null default now()
);
create index confirmation_mail_due on confirmation_mail (next_attempt_at, id);
