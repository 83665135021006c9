package io.heraldo.fanout;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.heraldo.channel.Notification;

/**
 * The rules of coalescing, for a channel that coalesces (email): the updates of one incident or maintenance, in the
 * order Heraldo recorded them, reach a reader newest-last and never one after a newer one. An update's pages wait
 * while an earlier update of the thread may still be sent to someone; an update not yet sent to a reader whom a newer
 * update reaches is not sent (coalesced); the mail that goes carries the updates the reader was not sent. Plain
 * functions.
 */
public final class Burst {

    /**
     * One update of the thread with a plan on the channel.
     *
     * @param createdAt when Heraldo recorded it; {@code occurredAt} and {@code id} break ties of one transaction
     * @param settled its plan is done and each of its pages too: nothing of it will be sent any more
     */
    public record Member(String id, OffsetDateTime createdAt, OffsetDateTime occurredAt, boolean settled) {
    }

    /** The order of a thread, as {@link ThreadOrder} has it. */
    static final Comparator<Member> ORDER = Comparator.comparing(Member::createdAt)
            .thenComparing(Member::occurredAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Member::id);

    private Burst() {
    }

    /** Whether the updates of this notification's incident or maintenance may coalesce: it has a thread. */
    public static boolean threaded(Notification notification) {
        return (notification.kind().isIncident() || notification.kind().isMaintenance())
                && notification.threadId() != null;
    }

    /**
     * An earlier update of the thread that may still be sent to someone (its plan open, a page of it unfinished):
     * the pages of {@code self} wait for it, so nobody gets it after {@code self}.
     */
    public static Optional<String> unsettledBefore(String self, List<Member> thread) {
        Member me = find(self, thread);
        if (me == null) {
            return Optional.empty();
        }
        return thread.stream().filter(m -> ORDER.compare(m, me) < 0 && !m.settled()).sorted(ORDER)
                .map(Member::id).findFirst();
    }

    /** The updates of the thread after {@code self}, newest first: any of them reaching a reader replaces it. */
    public static List<String> newer(String self, List<Member> thread) {
        Member me = find(self, thread);
        if (me == null) {
            return List.of();
        }
        return thread.stream().filter(m -> ORDER.compare(m, me) > 0).sorted(ORDER.reversed()).map(Member::id)
                .toList();
    }

    /**
     * What the mail of {@code self} carries to a reader: of the earlier updates not yet carried to that reader
     * ({@code uncarried}: given way to a newer one, or waiting for a retry), those of this thread, newest first.
     */
    public static List<String> carried(String self, List<Member> thread, Collection<String> uncarried) {
        Member me = find(self, thread);
        if (me == null || uncarried.isEmpty()) {
            return List.of();
        }
        return thread.stream().filter(m -> ORDER.compare(m, me) < 0 && uncarried.contains(m.id()))
                .sorted(ORDER.reversed()).map(Member::id).toList();
    }

    private static Member find(String id, List<Member> thread) {
        return thread.stream().filter(m -> m.id().equals(id)).findFirst().orElse(null);
    }
}
