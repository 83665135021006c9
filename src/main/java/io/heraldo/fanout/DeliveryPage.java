package io.heraldo.fanout;

import java.util.BitSet;
import java.util.List;

import io.heraldo.channel.Recipient;

/**
 * A page of deliveries of one notification on one channel: the unit that costs a row and a Kafka record. Claimed by
 * one replica at a time; {@code done} marks the entries whose outcome is recorded.
 *
 * @param retry a page of retries: its entries are delivery rows that failed before
 * @param logged every entry has a delivery row (the channel logs every delivery, or it is a page of retries)
 */
public record DeliveryPage(String id, String notificationId, String eventId, String channel, boolean retry,
        boolean logged, List<Entry> entries, BitSet done) {

    /** One delivery of the page. */
    public record Entry(String id, Recipient recipient, int attempt) {
    }

    public int size() {
        return entries.size();
    }

    public boolean isDone(int index) {
        return done.get(index);
    }

    /** What travels on the deliveries topic: a page to claim, named by id. */
    public record Ref(String id, String channel) {
    }
}
