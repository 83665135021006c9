package io.heraldo.event;

import io.heraldo.platform.WireEnum;

public enum IncidentStatus implements WireEnum {
    INVESTIGATING("investigating"),
    IDENTIFIED("identified"),
    MONITORING("monitoring"),
    RESOLVED("resolved"),
    POSTMORTEM("postmortem");

    private final String wire;

    IncidentStatus(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** Resolved and postmortem incidents are closed: they no longer weigh on the page. */
    public boolean isClosed() {
        return this == RESOLVED || this == POSTMORTEM;
    }

    public static IncidentStatus of(String wire) {
        return WireEnum.of(IncidentStatus.class, wire);
    }
}
