-- The thread of a notification (the first notification about its incident or maintenance) as a column, so the
-- fan-out can find the earlier updates of a thread for channels that post replies; and the post each delivery became
-- is kept on the delivery itself for every such channel, so the X-only tweet table goes.

alter table notification add column thread_id varchar(160);
update notification set thread_id = coalesce(payload::jsonb ->> 'threadId', id);
alter table notification alter column thread_id set not null;
create index notification_by_thread on notification (thread_id, created_at);

update delivery d set external_id = t.tweet_id
from tweet t where d.notification_id = t.notification_id and d.channel = 'twitter' and t.tweet_id is not null;
drop table tweet;
