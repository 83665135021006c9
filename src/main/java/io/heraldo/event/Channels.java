package io.heraldo.event;

/** Names of the messaging channels (their topics are set in application.properties). */
public final class Channels {

    /** Inbound status events. */
    public static final String STATUS_EVENTS = "status-events";
    /** Status events Heraldo publishes itself: the admin API and the maintenance clock. */
    public static final String STATUS_EVENTS_OUT = "status-events-out";
    /** Records that cannot be understood. */
    public static final String DEAD_LETTERS = "dead-letters";

    private Channels() {
    }
}
