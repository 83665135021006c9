-- Reports of a component's status (component events, incidents) arrive in any order across subjects; the newest by
-- event time decides what the component shows. reported_at is the time of the report that stands; an older one that
-- arrives later goes to component_status_change at its own time only. Null until a report is applied after this
-- migration: the time of the one standing before is not known, so the next report stands, as it did before.
alter table component add column reported_at timestamptz;
-- The time of the event that last gave the name and group; null until an event names the component.
alter table component add column described_at timestamptz;
