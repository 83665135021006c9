package io.heraldo.event;

import io.heraldo.platform.WireEnum;

/** Statuspage component statuses, in rising severity (maintenance is not an outage, so it ranks just above none). */
public enum ComponentStatus implements WireEnum {
    OPERATIONAL("operational", StatusIndicator.NONE),
    UNDER_MAINTENANCE("under_maintenance", StatusIndicator.MAINTENANCE),
    DEGRADED_PERFORMANCE("degraded_performance", StatusIndicator.MINOR),
    PARTIAL_OUTAGE("partial_outage", StatusIndicator.MAJOR),
    MAJOR_OUTAGE("major_outage", StatusIndicator.CRITICAL);

    private final String wire;
    private final StatusIndicator indicator;

    ComponentStatus(String wire, StatusIndicator indicator) {
        this.wire = wire;
        this.indicator = indicator;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** The page indicator this status alone would give. */
    public StatusIndicator indicator() {
        return indicator;
    }

    public static ComponentStatus of(String wire) {
        return WireEnum.of(ComponentStatus.class, wire);
    }

    /** The worse of two statuses. */
    public ComponentStatus worst(ComponentStatus other) {
        return other != null && other.ordinal() > ordinal() ? other : this;
    }
}
