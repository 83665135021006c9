package io.heraldo.channel.twitter;

import jakarta.enterprise.context.ApplicationScoped;

import io.heraldo.channel.social.AccountAccess;

/**
 * Whether the X account may be called now: X's rate limit (until its reset) and refused credentials (paused until a
 * probe succeeds). Deliveries that meet either wait in the delivery log as retries; none is lost.
 */
@ApplicationScoped
public class TwitterAccess extends AccountAccess {
}
