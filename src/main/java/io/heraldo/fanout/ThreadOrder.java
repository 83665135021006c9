package io.heraldo.fanout;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import io.heraldo.channel.Delivery;

/**
 * Whether an update may be posted now to one recipient of a channel that posts in threads, and what it answers.
 * Updates of one incident or maintenance form one thread in the order Heraldo recorded them; an update waits while an
 * earlier one of its thread may still be posted to that recipient (its plan open, its delivery pending or retrying),
 * so a retry never lets a later update jump ahead. Plain functions.
 */
public final class ThreadOrder {

    /** Delivery states after which a delivery will not be posted any more (unless an operator replays it). */
    private static final Set<String> SETTLED = Set.of("sent", "failed", "dead");
    static final Duration RECHECK = Duration.ofSeconds(2);

    /**
     * One notification of the thread, as the database knows it for one recipient of one channel.
     *
     * @param createdAt when Heraldo recorded it; {@code occurredAt} (the event's time) and {@code id} break ties of
     *        one transaction
     * @param planned {@code null}: the channel was never asked to tell it; false: the plan is still open
     * @param deliveryState the delivery's state for this recipient, {@code null} when it has none
     * @param externalId the post it became, when it was posted
     */
    public record Entry(String id, OffsetDateTime createdAt, OffsetDateTime occurredAt, Boolean planned,
            String deliveryState, OffsetDateTime nextAttemptAt, String externalId) {

        boolean settled() {
            if (planned == null) {
                return true;
            }
            return planned && (deliveryState == null || SETTLED.contains(deliveryState));
        }
    }

    /** What to do with an update. */
    public sealed interface Decision {
    }

    /** Post it, answering the posts before it ({@link Delivery.Thread#START}: it starts the thread). */
    public record Post(Delivery.Thread thread) implements Decision {
    }

    /** It was posted already (a replica died before recording it, or it is replayed): do not post it twice. */
    public record Posted(String externalId) implements Decision {
    }

    /** An earlier update of the thread comes first: try again after {@code after}. */
    public record Wait(String earlierId, Duration after) implements Decision {
    }

    private static final Comparator<Entry> ORDER = Comparator.comparing(Entry::createdAt)
            .thenComparing(Entry::occurredAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Entry::id);

    private ThreadOrder() {
    }

    /** The decision for {@code updateId} among {@code thread}, every notification of its incident or maintenance. */
    public static Decision decide(String updateId, List<Entry> thread, OffsetDateTime now) {
        Entry self = thread.stream().filter(e -> e.id().equals(updateId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("update " + updateId + " is not in its thread"));
        if (self.externalId() != null) {
            return new Posted(self.externalId());
        }
        List<Entry> earlier = thread.stream().filter(e -> ORDER.compare(e, self) < 0).sorted(ORDER).toList();
        String root = null;
        String previous = null;
        for (Entry entry : earlier) {
            if (!entry.settled()) {
                Duration after = RECHECK;
                if ("retrying".equals(entry.deliveryState()) && entry.nextAttemptAt() != null) {
                    // Come back just after the earlier one's own retry rather than look again and again meanwhile.
                    Duration untilThen = Duration.between(now, entry.nextAttemptAt()).plusSeconds(1);
                    after = untilThen.compareTo(RECHECK) > 0 ? untilThen : RECHECK;
                }
                return new Wait(entry.id(), after);
            }
            if (entry.externalId() != null) {
                root = root == null ? entry.externalId() : root;
                previous = entry.externalId();
            }
        }
        return new Post(new Delivery.Thread(root, previous));
    }
}
