package io.heraldo.audience;

import java.util.Arrays;
import java.util.Locale;

import io.heraldo.platform.WireEnum;

/**
 * What a subscriber asked to hear, the contract's {@code kinds}. Which notifications each value wants is a rule of
 * the channels ({@code io.heraldo.channel.KindRules}); this is the value as subscribers give it and it is stored.
 */
public enum Kinds implements WireEnum {
    /** Every notification (the default). */
    ALL("all"),
    /** Incidents of impact major or critical, and maintenance. */
    MAJOR("major"),
    /** An incident's opening and resolution, a maintenance's schedule, start and end. */
    LIFECYCLE("lifecycle");

    private final String wire;

    Kinds(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /**
     * A stored or published value: none (a record from before {@code kinds} existed) is {@link #ALL}, what every
     * subscriber heard then.
     *
     * @throws IllegalArgumentException for a value that is not one of ours
     */
    public static Kinds stored(String wire) {
        return wire == null ? ALL : WireEnum.of(Kinds.class, wire);
    }

    /**
     * What a subscriber gave: blank is {@link #ALL}, case and surrounding spaces do not matter.
     *
     * @throws InvalidFieldException naming {@code kinds} for anything else
     */
    public static Kinds given(String raw) {
        if (raw == null || raw.isBlank()) {
            return ALL;
        }
        String value = raw.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.wire.equals(value)).findFirst()
                .orElseThrow(() -> new InvalidFieldException("kinds", "'" + (value.length() > 70
                        ? value.substring(0, 67) + "..." : value) + "' is not one of " + WireEnum.names(Kinds.class)));
    }
}
