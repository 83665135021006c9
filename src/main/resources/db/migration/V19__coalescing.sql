-- Coalescing: an email not yet sent when a newer update of the same incident or maintenance reaches that reader is
-- not sent; the newer mail carries it. Such a delivery is kept as 'coalesced', with the notification whose mail
-- carried it to the reader once that mail went (null until then: the next mail sent to that reader carries it).
alter table delivery drop constraint delivery_state_check;
alter table delivery add constraint delivery_state_check
    check (state in ('pending', 'sending', 'sent', 'retrying', 'failed', 'dead', 'coalesced'));
alter table delivery add column carried_by varchar(160);
