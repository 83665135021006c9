package io.heraldo.integrations;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** {@code heraldo.integrations.*} of the contract (sections 3 and 5): monitoring systems that move components. */
@ConfigMapping(prefix = "heraldo.integrations")
public interface IntegrationsConfig {

    /** The bearer token monitoring systems present; unset, {@code /integrations/*} is closed. Never logged. */
    Optional<String> token();

    /** The alert label that names the component an alert is about. */
    @WithDefault("heraldo_component")
    String componentLabel();

    /** The alert label read for the severity. */
    @WithDefault("severity")
    String severityLabel();

    /**
     * Severity to component status while an alert fires, {@code severity=status} pairs separated by commas. An alert
     * whose severity is not here moves nothing.
     */
    @WithDefault(SeverityMap.DEFAULT)
    String severityMap();

    /**
     * The channels told of a change an alert makes ({@code notify} of the event): the operators' channels by
     * default, never the public ones; {@code none} changes the page and tells nobody.
     */
    @WithName("notify")
    @WithDefault("webhook,chat")
    List<String> notifyChannels();
}
