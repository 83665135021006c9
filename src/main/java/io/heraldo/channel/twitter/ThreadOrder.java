package io.heraldo.channel.twitter;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Whether an update may be tweeted now, and what it answers. Updates of one incident or maintenance form one thread
 * in the order Heraldo recorded them; an update waits while an earlier one of its thread may still be tweeted
 * (planned, pending or retrying), so a retry never lets a later update jump ahead. Plain functions.
 */
public final class ThreadOrder {

    /** Delivery states after which a delivery will not be tweeted any more (unless an operator replays it). */
    private static final Set<String> SETTLED = Set.of("sent", "failed", "dead");
    static final Duration RECHECK = Duration.ofSeconds(2);

    /**
     * One notification of the thread, as the database knows it for Twitter.
     *
     * @param createdAt when Heraldo recorded it; {@code occurredAt} (the event's time) and {@code id} break ties of
     *        one transaction
     * @param recorded whether {@link TweetLog} has an outcome for it (a tweet, or a refusal)
     * @param tweetId its tweet, if it was posted
     * @param planned {@code null}: Twitter was never asked to tell it; false: the plan is still open
     * @param deliveryState the Twitter delivery's state, {@code null} when none was planned
     */
    public record Entry(String id, OffsetDateTime createdAt, OffsetDateTime occurredAt, boolean recorded, String tweetId,
            Boolean planned, String deliveryState, OffsetDateTime nextAttemptAt) {

        boolean settled() {
            if (recorded || planned == null) {
                return true;
            }
            return planned && (deliveryState == null || SETTLED.contains(deliveryState));
        }
    }

    /** What to do with an update. */
    public sealed interface Decision {
    }

    /** Tweet it, as a reply to {@code replyTo} ({@code null}: it starts the thread). */
    public record Post(String replyTo) implements Decision {
    }

    /** It was tweeted already (a replica died before recording it): do not tweet it twice. */
    public record Posted(String tweetId) implements Decision {
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
        if (self.tweetId() != null) {
            return new Posted(self.tweetId());
        }
        List<Entry> earlier = thread.stream().filter(e -> ORDER.compare(e, self) < 0).sorted(ORDER).toList();
        String replyTo = null;
        for (Entry entry : earlier) {
            if (!entry.settled()) {
                Duration after = RECHECK;
                if ("retrying".equals(entry.deliveryState()) && entry.nextAttemptAt() != null) {
                    // Come back just after the earlier one's own retry rather than spend attempts meanwhile.
                    Duration untilThen = Duration.between(now, entry.nextAttemptAt()).plusSeconds(1);
                    after = untilThen.compareTo(RECHECK) > 0 ? untilThen : RECHECK;
                }
                return new Wait(entry.id(), after);
            }
            if (entry.tweetId() != null) {
                replyTo = entry.tweetId();
            }
        }
        return new Post(replyTo);
    }
}
