package io.heraldo.channel.mastodon;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code heraldo.mastodon.*}: the one Mastodon account Heraldo posts as. The token is never logged. */
@ConfigMapping(prefix = "heraldo.mastodon")
public interface MastodonConfig {

    @WithDefault("false")
    boolean enabled();

    /** The account's instance, {@code https://mastodon.social}. */
    Optional<String> instanceUrl();

    /** An application's access token with the {@code write:statuses} scope. */
    Optional<String> accessToken();

    /** {@code public}, {@code unlisted}, {@code private} or {@code direct}. */
    @WithDefault("public")
    String visibility();

    /** The account's language: the words of its posts and their {@code language}; the default locale when unset. */
    Optional<String> lang();

    /** While the instance refuses the token, how often one delivery tries again to find out whether it works now. */
    @WithDefault("1m")
    Duration pauseProbeInterval();

    /** How long the instance's character limit ({@code GET /api/v2/instance}) is trusted before it is read again. */
    @WithDefault("1h")
    Duration instanceRefresh();
}
