package io.heraldo.fanout;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jdbi.v3.core.Jdbi;

/** What coalescing reads of a thread: its updates on a channel and, per reader, the updates not yet carried. */
@ApplicationScoped
public class Bursts {

    private final Jdbi jdbi;

    public Bursts(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The updates of a thread that the channel tells, settled or not. One statement. */
    public List<Burst.Member> thread(String threadId, String channel) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                select n.id, n.created_at, nullif(n.payload::jsonb ->> 'occurredAt', '')::timestamptz as occurred_at,
                       p.done and not exists (
                           select 1 from delivery_page d
                           where d.event_id = n.event_id and d.notification_id = n.id and d.channel = :channel
                             and d.state <> 'done') as settled
                from notification n join fanout_plan p on p.notification_id = n.id and p.channel = :channel
                where n.thread_id = :thread""")
                .bind("channel", channel)
                .bind("thread", threadId)
                .map((rs, ctx) -> new Burst.Member(rs.getString("id"), rs.getObject("created_at", OffsetDateTime.class),
                        rs.getObject("occurred_at", OffsetDateTime.class), rs.getBoolean("settled")))
                .list());
    }

    /**
     * Per recipient, which of {@code notifications} it has a delivery of that no mail carried yet: given way to a
     * newer update, or waiting for a retry.
     */
    public Map<String, Set<String>> uncarried(String channel, Collection<String> notifications,
            Collection<String> recipients) {
        if (notifications.isEmpty() || recipients.isEmpty()) {
            return Map.of();
        }
        Map<String, Set<String>> uncarried = new HashMap<>();
        jdbi.useHandle(handle -> handle.createQuery("""
                select recipient, notification_id from delivery
                where channel = :channel and recipient = any (:recipients) and notification_id = any (:notifications)
                  and state in ('coalesced', 'retrying') and carried_by is null""")
                .bind("channel", channel)
                .bind("recipients", recipients.toArray(String[]::new))
                .bind("notifications", notifications.toArray(String[]::new))
                .map((rs, ctx) -> uncarried.computeIfAbsent(rs.getString(1), k -> new HashSet<>())
                        .add(rs.getString(2)))
                .list());
        return uncarried;
    }
}
