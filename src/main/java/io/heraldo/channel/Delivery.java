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
 */
public record Delivery(String id, Notification notification, String channel, Recipient recipient, int attempt) {

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
