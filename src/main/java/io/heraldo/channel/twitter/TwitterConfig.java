package io.heraldo.channel.twitter;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code heraldo.twitter.*}: the one X account Heraldo tweets as. The secrets are never logged. */
@ConfigMapping(prefix = "heraldo.twitter")
public interface TwitterConfig {

    @WithDefault("false")
    boolean enabled();

    @WithDefault("https://api.twitter.com")
    String apiBaseUrl();

    Optional<String> consumerKey();

    Optional<String> consumerSecret();

    Optional<String> accessToken();

    Optional<String> accessTokenSecret();

    /**
     * The account's language: the words and texts of its tweets. Unset, each tweet is in its update's language (the
     * default locale's text of an update written in several).
     */
    Optional<String> lang();

    /** While X refuses the credentials, how often one delivery tries again to find out whether they work now. */
    @WithDefault("1m")
    Duration pauseProbeInterval();
}
