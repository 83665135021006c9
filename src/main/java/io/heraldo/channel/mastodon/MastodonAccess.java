package io.heraldo.channel.mastodon;

import jakarta.enterprise.context.ApplicationScoped;

import io.heraldo.channel.social.AccountAccess;

/** Whether the Mastodon account may be called now: the instance's rate limit and a refused token. */
@ApplicationScoped
public class MastodonAccess extends AccountAccess {
}
