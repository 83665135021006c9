package io.heraldo.audience;

/** Names of the audience's messaging channel and topic (the topic is set in application.properties). */
public final class AudienceChannels {

    /** Every subscriber change, published by the outbox relay. */
    public static final String SUBSCRIBERS_OUT = "subscribers-out";
    /** Default of {@code heraldo.subscribers.topic}: compacted, keyed by subscriber id, the whole subscriber as value. */
    public static final String SUBSCRIBERS_TOPIC = "heraldo-subscribers";

    private AudienceChannels() {
    }
}
