package io.heraldo.fanout;

import static io.heraldo.platform.Transactions.withConnection;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.heraldo.channel.Notification;

/**
 * The threads of channels that post replies, read from the notifications and the delivery log: for each recipient,
 * every notification of an incident's or maintenance's thread with what the channel made of it for that recipient.
 */
@ApplicationScoped
public class Threads {

    private record Told(String state, OffsetDateTime nextAttemptAt, String externalId) {
    }

    private record Member(String id, OffsetDateTime createdAt, OffsetDateTime occurredAt, Boolean planned) {
    }

    private final DataSource dataSource;

    public Threads(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Per recipient, the thread of {@code notification} on {@code channel} (one statement pair for a whole page). */
    public Map<String, List<ThreadOrder.Entry>> of(Notification notification, String channel,
            Collection<String> recipients) throws SQLException {
        String thread = notification.threadId() == null ? notification.id() : notification.threadId();
        return withConnection(dataSource, c -> {
            List<Member> members = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select n.id, n.created_at, nullif(n.payload::jsonb ->> 'occurredAt', '')::timestamptz, p.done
                    from notification n left join fanout_plan p on p.notification_id = n.id and p.channel = ?
                    where n.thread_id = ?""")) {
                ps.setString(1, channel);
                ps.setString(2, thread);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        members.add(new Member(rs.getString(1), rs.getObject(2, OffsetDateTime.class),
                                rs.getObject(3, OffsetDateTime.class), (Boolean) rs.getObject(4)));
                    }
                }
            }
            Map<String, Told> told = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    select notification_id, recipient, state, next_attempt_at, external_id from delivery
                    where channel = ? and recipient = any (?) and notification_id = any (?)""")) {
                ps.setString(1, channel);
                ps.setArray(2, c.createArrayOf("varchar", recipients.toArray()));
                ps.setArray(3, c.createArrayOf("varchar", members.stream().map(Member::id).toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        told.put(rs.getString(1) + "\n" + rs.getString(2), new Told(rs.getString(3),
                                rs.getObject(4, OffsetDateTime.class), rs.getString(5)));
                    }
                }
            }
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
