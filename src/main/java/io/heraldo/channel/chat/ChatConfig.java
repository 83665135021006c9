package io.heraldo.channel.chat;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code heraldo.chat.*}: where the token APIs are and how many messages go at once. The delivery rules chat
 * destinations share with webhooks (retries, the private-network guard, disabling) are
 * {@link io.heraldo.channel.TargetRules}.
 */
@ConfigMapping(prefix = "heraldo.chat")
public interface ChatConfig {

    /** Slack's Web API, for destinations with a bot token. */
    @WithDefault("https://slack.com/api")
    String slackApiUrl();

    /** Telegram's Bot API. */
    @WithDefault("https://api.telegram.org")
    String telegramApiUrl();

    /** Messages in flight at once on one replica, every destination together. */
    @WithDefault("16")
    int concurrency();

    /** Messages in flight at once to one destination: chat services limit each webhook, bot and room. */
    @WithDefault("2")
    int destinationConcurrency();

    @WithDefault("5s")
    Duration connectTimeout();

    /** The whole exchange, from connecting to the last byte of the answer. */
    @WithDefault("15s")
    Duration timeout();
}
