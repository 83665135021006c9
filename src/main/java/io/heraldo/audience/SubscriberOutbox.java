package io.heraldo.audience;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jdbi.v3.core.Handle;

/**
 * Writes the outbox rows of subscriber changes ({@code subscriber_outbox}), each the whole subscriber after the
 * change, in the transaction of the change itself: {@link OutboxRelay} publishes them.
 */
@ApplicationScoped
public class SubscriberOutbox {

    private final SubscriberJson json;

    public SubscriberOutbox(SubscriberJson json) {
        this.json = json;
    }

    void add(Handle handle, StoredSubscriber subscriber) {
        handle.createUpdate("insert into subscriber_outbox (subscriber_id, payload) values (:subscriberId, :payload)")
                .bind("subscriberId", subscriber.subscriber().id())
                .bind("payload", json.write(subscriber))
                .execute();
    }

    /** One statement for a whole batch. */
    void addAll(Handle handle, List<StoredSubscriber> subscribers) {
        if (subscribers.isEmpty()) {
            return;
        }
        handle.createUpdate(
                "insert into subscriber_outbox (subscriber_id, payload) select * from unnest(:ids::uuid[], :payloads::text[])")
                .bind("ids", subscribers.stream().map(s -> s.subscriber().id()).toArray(UUID[]::new))
                .bind("payloads", subscribers.stream().map(json::write).toArray(String[]::new))
                .execute();
    }

    /**
     * The outbox row of an opt-in and its queued confirmation mail, in one statement: a new address then costs as many
     * round trips to the database as a confirmed one (two), and takes as long to answer.
     */
    void addWithConfirmation(Handle handle, StoredSubscriber subscriber) {
        handle.createUpdate("""
                with outbox as (insert into subscriber_outbox (subscriber_id, payload) values (:subscriberId, :payload))
                """ + ConfirmationQueue.INSERT)
                .bind("subscriberId", subscriber.subscriber().id())
                .bind("payload", json.write(subscriber))
                .bind("nonce", subscriber.confirmNonce())
                .execute();
    }
}
