-- What each subscriber asked to hear (the contract's `kinds`): every notification, only major ones, or only an
-- incident's or maintenance's lifecycle. Existing subscribers asked for nothing narrower: all.
alter table subscriber add column kinds varchar(16) not null default 'all'
    check (kinds in ('all', 'major', 'lifecycle'));
