package io.heraldo.event;

import io.heraldo.platform.WireEnum;

public enum Impact implements WireEnum {
    NONE("none", StatusIndicator.NONE),
    MINOR("minor", StatusIndicator.MINOR),
    MAJOR("major", StatusIndicator.MAJOR),
    CRITICAL("critical", StatusIndicator.CRITICAL);

    private final String wire;
    private final StatusIndicator indicator;

    Impact(String wire, StatusIndicator indicator) {
        this.wire = wire;
        this.indicator = indicator;
    }

    @Override
    public String wire() {
        return wire;
    }

    public StatusIndicator indicator() {
        return indicator;
    }

    public static Impact of(String wire) {
        return WireEnum.of(Impact.class, wire);
    }
}
