package io.heraldo.channel.bluesky;

import jakarta.enterprise.context.ApplicationScoped;

import io.heraldo.channel.social.AccountAccess;

/** Whether the Bluesky account may be called now: the service's rate limit and refused credentials. */
@ApplicationScoped
public class BlueskyAccess extends AccountAccess {
}
