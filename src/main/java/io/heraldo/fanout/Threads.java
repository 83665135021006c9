package io.heraldo.fanout;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jdbi.v3.core.Jdbi;

import io.heraldo.channel.Notification;

/**
 * The threads of channels that post replies, read from the notifications and the delivery log: for each recipient,
 * every notification of an incident's or maintenance's thread with what the channel made of it for that recipient.
 */
@ApplicationScoped
public class Threads {

    private record Told(String notificationId, String recipient, String state, OffsetDateTime nextAttemptAt,
            String externalId) {
    }

    private record Member(String id, OffsetDateTime createdAt, OffsetDateTime occurredAt, Boolean planned) {
    }

    private final Jdbi jdbi;

    public Threads(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Per recipient, the thread of {@code notification} on {@code channel} (two statements for a whole page). */
    public Map<String, List<ThreadOrder.Entry>> of(Notification notification, String channel,
            Collection<String> recipients) {
        String thread = notification.threadId() == null ? notification.id() : notification.threadId();
        return jdbi.withHandle(handle -> {
            List<Member> members = handle.createQuery("""
                    select n.id, n.created_at, nullif(n.payload::jsonb ->> 'occurredAt', '')::timestamptz as occurred_at,
                           p.done
                    from notification n left join fanout_plan p on p.notification_id = n.id and p.channel = :channel
                    where n.thread_id = :thread""")
                    .bind("channel", channel)
                    .bind("thread", thread)
                    .map((rs, ctx) -> new Member(rs.getString("id"), rs.getObject("created_at", OffsetDateTime.class),
                            rs.getObject("occurred_at", OffsetDateTime.class), (Boolean) rs.getObject("done")))
                    .list();
            Map<String, Told> told = new HashMap<>();
            handle.createQuery("""
                    select notification_id, recipient, state, next_attempt_at, external_id from delivery
                    where channel = :channel and recipient = any (:recipients) and notification_id = any (:notifications)""")
                    .bind("channel", channel)
                    .bind("recipients", recipients.toArray(String[]::new))
                    .bind("notifications", members.stream().map(Member::id).toArray(String[]::new))
                    .map((rs, ctx) -> new Told(rs.getString("notification_id"), rs.getString("recipient"),
                            rs.getString("state"), rs.getObject("next_attempt_at", OffsetDateTime.class),
                            rs.getString("external_id")))
                    .forEach(delivery -> told.put(delivery.notificationId() + "\n" + delivery.recipient(), delivery));
            Map<String, List<ThreadOrder.Entry>> byRecipient = new HashMap<>();
            for (String recipient : recipients) {
                List<ThreadOrder.Entry> entries = new ArrayList<>(members.size());
                for (Member member : members) {
                    Told delivery = told.get(member.id() + "\n" + recipient);
                    entries.add(new ThreadOrder.Entry(member.id(), member.createdAt(), member.occurredAt(),
                            member.planned(), delivery == null ? null : delivery.state(),
                            delivery == null ? null : delivery.nextAttemptAt(),
                            delivery == null ? null : delivery.externalId()));
                }
                byRecipient.put(recipient, entries);
            }
            return byRecipient;
        });
    }
}
