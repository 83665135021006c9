package io.heraldo.channel.twitter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.heraldo.channel.Notification;


/**
 * The {@code tweet} table: which tweet each notification became, so an update replies to the previous tweet of its
 * thread after a restart too, and a tweet posted by a replica that died before recording its delivery is not posted
 * twice.
 */
@ApplicationScoped
public class TweetLog {

    private final DataSource dataSource;

    public TweetLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Every notification of the update's incident or maintenance (a notice: itself alone) with what Twitter made of
     * it so far: its tweet, its plan, its delivery.
     */
    public List<ThreadOrder.Entry> thread(Notification notification) throws SQLException {
        boolean threaded = notification.kind().isIncident() || notification.kind().isMaintenance();
        String where = threaded ? "n.subject_id = ? and n.kind like ?" : "n.id = ?";
        List<ThreadOrder.Entry> entries = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select n.id, n.created_at, nullif(n.payload::jsonb ->> 'occurredAt', '')::timestamptz,
                       t.notification_id is not null, t.tweet_id, p.done, d.state, d.next_attempt_at
                from notification n
                left join tweet t on t.notification_id = n.id
                left join fanout_plan p on p.notification_id = n.id and p.channel = ?
                left join delivery d on d.event_id = n.event_id and d.channel = ? and d.notification_id = n.id
                where\s""" + where)) {
            ps.setString(1, TwitterChannel.NAME);
            ps.setString(2, TwitterChannel.NAME);
            if (threaded) {
                ps.setString(3, notification.subjectId());
                ps.setString(4, notification.kind().isIncident() ? "INCIDENT_%" : "MAINTENANCE_%");
            } else {
                ps.setString(3, notification.id());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new ThreadOrder.Entry(rs.getString(1), rs.getObject(2, OffsetDateTime.class),
                            rs.getObject(3, OffsetDateTime.class), rs.getBoolean(4), rs.getString(5),
                            (Boolean) rs.getObject(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class)));
                }
            }
        }
        return entries;
    }

    /** Records the tweet a notification became. */
    public void posted(Notification notification, String tweetId, String replyTo) throws SQLException {
        write(notification, tweetId, replyTo, "posted");
    }

    /** Records that X refused a notification for good: the thread goes on from the tweet before it. */
    public void refused(Notification notification, String replyTo) throws SQLException {
        write(notification, null, replyTo, "failed");
    }

    private void write(Notification notification, String tweetId, String replyTo, String outcome) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into tweet (notification_id, thread_id, tweet_id, reply_to, outcome) values (?, ?, ?, ?, ?)
                on conflict (notification_id) do update
                    set tweet_id = excluded.tweet_id, reply_to = excluded.reply_to, outcome = excluded.outcome,
                        posted_at = now()""")) {
            ps.setString(1, notification.id());
            ps.setString(2, notification.threadId() == null ? notification.id() : notification.threadId());
            ps.setString(3, tweetId);
            ps.setString(4, replyTo);
            ps.setString(5, outcome);
            ps.executeUpdate();
        }
    }
}
