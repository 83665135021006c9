package io.heraldo.event;

import io.heraldo.platform.WireEnum;

public enum MaintenanceStatus implements WireEnum {
    SCHEDULED("scheduled"),
    IN_PROGRESS("in_progress"),
    VERIFYING("verifying"),
    COMPLETED("completed"),
    CANCELLED("cancelled");

    private final String wire;

    MaintenanceStatus(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** In progress or verifying: its components are under maintenance. */
    public boolean isActive() {
        return this == IN_PROGRESS || this == VERIFYING;
    }

    public boolean isFinished() {
        return this == COMPLETED || this == CANCELLED;
    }

    public static MaintenanceStatus of(String wire) {
        return WireEnum.of(MaintenanceStatus.class, wire);
    }
}
