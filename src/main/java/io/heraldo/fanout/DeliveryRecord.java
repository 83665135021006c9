package io.heraldo.fanout;

import io.heraldo.channel.Recipient;

/** What travels on the deliveries topic: which notification, for whom, on which channel, which attempt. */
public record DeliveryRecord(String id, String notificationId, String channel, Recipient recipient, int attempt) {
}
