package io.heraldo.console;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code heraldo.console.*}: the operators' console (CONTRACT section 7). */
@ConfigMapping(prefix = "heraldo.console")
public interface ConsoleConfig {

    /** How long a sign-in lasts; the operator signs in again after it. */
    @WithDefault("8h")
    Duration sessionLifetime();

    /** Sign-in attempts per client address, {@code <attempts>/<period>}, allowed or refused alike. */
    @WithDefault("10/10m")
    String loginRate();
}
