package io.heraldo.console;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.jdbi.v3.core.Jdbi;

import io.heraldo.channel.Channel;
import io.heraldo.fanout.DeliveryLog;

/**
 * How far the notifications of an event got, per channel, as the admin API counts them
 * ({@code GET /admin/v1/notifications/{eventId}}): {@code pending} is everything not finished, retries included.
 */
@ApplicationScoped
public class DeliveryProgress {

    /** One channel's counts. */
    public record Counts(String channel, long sent, long pending, long failed, long coalesced) {
    }

    /** One event's notification and its counts. */
    public record Progress(String eventId, String kind, String subjectId, String title, OffsetDateTime at,
            List<Counts> channels) {
    }

    private final Jdbi jdbi;
    private final DeliveryLog log;
    private final List<String> channelNames;

    public DeliveryProgress(Jdbi jdbi, DeliveryLog log, @Any Instance<Channel> channels) {
        this.jdbi = jdbi;
        this.log = log;
        this.channelNames = channels.stream().map(Channel::name).toList();
    }

    /** Per channel, for an event; empty while the event is unknown (not applied yet). */
    public Optional<List<Counts>> of(String eventId) {
        return log.countsForEvent(eventId).map(DeliveryProgress::counts);
    }

    /** The latest notified events, newest first. */
    public List<Progress> latest(int limit) {
        return latest(null, limit);
    }

    /** The latest notified events of one incident or maintenance, newest first. */
    public List<Progress> ofSubject(String subjectId, int limit) {
        return latest(subjectId, limit);
    }

    private List<Progress> latest(String subjectId, int limit) {
        record Row(String eventId, String kind, String subjectId, String title, OffsetDateTime at) {
        }
        List<Row> rows = jdbi.withHandle(handle -> handle.createQuery("""
                select event_id, min(kind), min(subject_id), min(payload::json ->> 'title'), max(created_at) as at
                from notification where cast(:subject as varchar) is null or subject_id = :subject
                group by event_id order by at desc limit :limit""")
                .bind("subject", subjectId)
                .bind("limit", limit)
                .map((rs, ctx) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class)))
                .list());
        List<Progress> latest = new ArrayList<>();
        for (Row row : rows) {
            latest.add(new Progress(row.eventId(), row.kind(), row.subjectId(), row.title(), row.at(),
                    of(row.eventId()).orElse(List.of())));
        }
        return latest;
    }

    private static List<Counts> counts(Map<String, Map<String, Long>> byChannel) {
        List<Counts> counts = new ArrayList<>();
        byChannel.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            Map<String, Long> states = entry.getValue();
            counts.add(new Counts(entry.getKey(), states.getOrDefault("sent", 0L),
                    states.getOrDefault("pending", 0L) + states.getOrDefault("sending", 0L)
                            + states.getOrDefault("retrying", 0L),
                    states.getOrDefault("failed", 0L) + states.getOrDefault("dead", 0L),
                    states.getOrDefault("coalesced", 0L)));
        });
        return counts;
    }

    /** The names of the channels there are, in their order. */
    public List<String> channelNames() {
        return channelNames;
    }
}
