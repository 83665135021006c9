package io.heraldo.channel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One notification for one recipient on one channel.
 *
 * @param id deterministic from (notification, channel, recipient): planning twice yields the same id
 * @param attempt 1 for the first try
 * @param thread for a channel that posts in threads, the posts this one answers; {@code null} otherwise
 * @param carried earlier updates of the same incident or maintenance that this recipient was not sent and that this
 *        delivery carries instead, newest first (a channel that {@link Channel#coalesces() coalesces})
 */
public record Delivery(String id, Notification notification, String channel, Recipient recipient, int attempt,
        Thread thread, List<Notification> carried) {

    public Delivery {
        carried = carried == null ? List.of() : List.copyOf(carried);
    }

    /** A delivery in a thread, carrying nothing. */
    public Delivery(String id, Notification notification, String channel, Recipient recipient, int attempt,
            Thread thread) {
        this(id, notification, channel, recipient, attempt, thread, List.of());
    }

    /**
     * Where a post goes in its thread, as the receiving service named the earlier posts (their external ids).
     *
     * @param rootId the first post of the incident's or maintenance's thread to this recipient; {@code null} when
     *        this one starts it
     * @param previousId the latest post before this one; {@code null} when this one starts the thread
     */
    public record Thread(String rootId, String previousId) {

        public static final Thread START = new Thread(null, null);

        public boolean starts() {
            return previousId == null;
        }
    }

    /** A delivery outside any thread. */
    public Delivery(String id, Notification notification, String channel, Recipient recipient, int attempt) {
        this(id, notification, channel, recipient, attempt, null, List.of());
    }

    public static String idOf(String notificationId, String channel, String recipientId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((notificationId + "\n" + channel + "\n" + recipientId).getBytes(StandardCharsets.UTF_8));
            return "dlv_" + HexFormat.of().formatHex(hash, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
