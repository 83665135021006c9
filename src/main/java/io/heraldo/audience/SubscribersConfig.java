package io.heraldo.audience;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code heraldo.subscribers.*}: the topic that mirrors every subscriber change. */
@ConfigMapping(prefix = "heraldo.subscribers")
public interface SubscribersConfig {

    /** Compacted, keyed by subscriber id; {@code POST /admin/v1/subscribers/restore} rebuilds from it. */
    @WithDefault(AudienceChannels.SUBSCRIBERS_TOPIC)
    String topic();

    /** How often the outbox relay looks for changes not yet published (it also runs right after each change). */
    @WithDefault("1s")
    Duration relayInterval();
}
