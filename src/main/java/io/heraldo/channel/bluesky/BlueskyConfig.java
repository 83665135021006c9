package io.heraldo.channel.bluesky;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code heraldo.bluesky.*}: the one Bluesky account Heraldo posts as. The app password is never logged. */
@ConfigMapping(prefix = "heraldo.bluesky")
public interface BlueskyConfig {

    @WithDefault("false")
    boolean enabled();

    /** The account's PDS, or the entryway that finds it. */
    @WithDefault("https://bsky.social")
    String serviceUrl();

    /** The account's handle ({@code status.example.com}), DID or email. */
    Optional<String> identifier();

    /** An app password (Settings → Privacy and security → App passwords), never the account's own password. */
    Optional<String> appPassword();

    /** The account's language: the words of its posts and their {@code langs}; the default locale when unset. */
    Optional<String> lang();

    /** While the service refuses the credentials, how often one delivery tries again to find out if they work now. */
    @WithDefault("1m")
    Duration pauseProbeInterval();
}
