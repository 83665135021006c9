-- Texts in several languages (CONTRACT §1): every title and body keeps all its languages, language -> text, as
-- json (not jsonb: json keeps the order, the default locale's text first, then the others as given). The old
-- columns keep the text a reader of no language in particular gets (the default locale's, else the first given),
-- so rows written before this migration, with null here, read as they did.
alter table incident add column titles json;
alter table incident_update add column bodies json;
alter table maintenance add column titles json;
alter table maintenance_update add column bodies json;
alter table notice add column titles json;
alter table notice add column bodies json;
