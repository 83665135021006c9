package io.heraldo.audience;

import io.heraldo.platform.WireEnum;

public enum SubscriberState implements WireEnum {
    /** Subscribed, confirmation link not clicked yet: gets no notification. */
    PENDING("pending"),
    CONFIRMED("confirmed"),
    UNSUBSCRIBED("unsubscribed"),
    /** Mail to the address bounced: gets nothing until it subscribes again. */
    SUPPRESSED("suppressed");

    private final String wire;

    SubscriberState(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public static SubscriberState of(String wire) {
        return WireEnum.of(SubscriberState.class, wire);
    }
}
