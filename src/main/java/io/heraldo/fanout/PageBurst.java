package io.heraldo.fanout;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.heraldo.channel.Channel;
import io.heraldo.channel.Notification;
import io.heraldo.channel.Recipient;

/**
 * Coalescing while one page of a channel that coalesces is sent: which readers a newer update of the thread reaches
 * (they are not sent this one), and what each mail that goes carries. The thread is read again every
 * {@link #REFRESH_NANOS}, so an update recorded mid-page stops this one's sends within that time. The worker's only.
 */
final class PageBurst {

    private static final long REFRESH_NANOS = 100_000_000L;

    private final Channel channel;
    private final Bursts bursts;
    private final DeliveryLog log;
    private final Notification self;
    private final List<Recipient> recipients;
    private final Map<String, Set<String>> uncarried;
    /** Per newer update, the readers of this page it reaches: asked once per update. */
    private final Map<String, Set<String>> reachedBy = new HashMap<>();
    private final Map<String, Notification> notifications = new HashMap<>();
    private List<Burst.Member> thread;
    /** The updates after this one, newest first, as of the last read of the thread. */
    private List<String> newer;
    private long readAt;

    private PageBurst(Channel channel, Bursts bursts, DeliveryLog log, Notification self, List<Recipient> recipients) {
        this.channel = channel;
        this.bursts = bursts;
        this.log = log;
        this.self = self;
        this.recipients = recipients;
        read();
        // The page waited for the earlier updates to settle: what they left uncarried stays so while it is sent.
        this.uncarried = bursts.uncarried(channel.name(),
                thread.stream().map(Burst.Member::id).filter(id -> !id.equals(self.id())).toList(),
                recipients.stream().map(Recipient::id).toList());
    }

    /** The page's coalescing, or {@code null} when the channel does not coalesce or the notification has no thread. */
    static PageBurst of(Channel channel, Bursts bursts, DeliveryLog log, Notification notification,
            DeliveryPage page) {
        if (!channel.coalesces() || !Burst.threaded(notification)) {
            return null;
        }
        return new PageBurst(channel, bursts, log, notification,
                page.entries().stream().map(DeliveryPage.Entry::recipient).toList());
    }

    /** The newest later update that reaches this reader, which goes instead of this one; {@code null}: this one goes. */
    String supersededBy(Recipient recipient) {
        if (System.nanoTime() - readAt >= REFRESH_NANOS) {
            read();
        }
        for (String update : newer) {
            Set<String> reached = reachedBy.computeIfAbsent(update,
                    id -> channel.reached(notification(id), recipients));
            if (reached.contains(recipient.id())) {
                return update;
            }
        }
        return null;
    }

    private void read() {
        thread = bursts.thread(self.threadId(), channel.name());
        newer = Burst.newer(self.id(), thread);
        readAt = System.nanoTime();
    }

    /** The earlier updates this reader was not sent, newest first: the mail going to them carries these. */
    List<Notification> carried(Recipient recipient) {
        Set<String> left = uncarried.get(recipient.id());
        if (left == null) {
            return List.of();
        }
        return Burst.carried(self.id(), thread, left).stream().map(this::notification).toList();
    }

    private Notification notification(String id) {
        return notifications.computeIfAbsent(id, key -> log.notification(key).notification());
    }
}
