package io.heraldo.channel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One notification for one recipient on one channel.
 *
 * @param id deterministic from (notification, channel, recipient): planning twice yields the same id
 * @param attempt 1 for the first try
 * @param thread for a channel that posts in threads, the posts this one answers; {@code null} otherwise
 */
public record Delivery(String id, Notification notification, String channel, Recipient recipient, int attempt,
        Thread thread) {

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
        this(id, notification, channel, recipient, attempt, null);
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
