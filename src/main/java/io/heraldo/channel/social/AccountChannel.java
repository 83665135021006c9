package io.heraldo.channel.social;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.heraldo.channel.Channel;
import io.heraldo.channel.Delivery;
import io.heraldo.channel.Notification;
import io.heraldo.channel.NotificationKind;
import io.heraldo.channel.Recipient;
import io.heraldo.channel.SendResult;

/**
 * A channel that posts as one configured account (X, Mastodon, Bluesky): its one recipient is the account, it hears
 * of everything but bare component changes, and nothing is sent while the account is misconfigured, rate limited or
 * paused for refused credentials (the delivery waits as a retry; none is lost). Posts go out one at a time, each
 * update of a thread answering the one before.
 */
public abstract class AccountChannel implements Channel {

    /** The single recipient: the configured account. */
    public static final String ACCOUNT = "account";

    private static final Logger LOG = Logger.getLogger(AccountChannel.class);
    private static final Duration NO_RESET_GIVEN = Duration.ofMinutes(1);
    private static final Duration SHORTEST_WAIT = Duration.ofSeconds(1);

    /**
     * The account as the channel sees it now.
     *
     * @param label how logs and reasons name the channel: {@code Twitter}, {@code Mastodon}, {@code Bluesky}
     * @param service how reasons name the service that answers ({@code X} for Twitter)
     * @param probeInterval how long a paused account waits before one delivery probes its credentials again
     * @param language the language of the account's posts
     */
    public record Account(String label, String service, boolean enabled, AccountAccess access,
            Duration probeInterval, String language) {
    }

    protected abstract Account account();

    /** What keeps the account from posting at all, or {@code null}. */
    protected String misconfiguration() {
        return null;
    }

    /** Posts one update; the account may be called now. An I/O failure is retried as the service unreachable. */
    protected abstract SendResult post(Delivery delivery, Instant now) throws IOException, InterruptedException;

    @Override
    public boolean wants(Notification notification) {
        return account().enabled() && notification.kind() != NotificationKind.COMPONENT_CHANGED;
    }

    @Override
    public List<Recipient> recipients(Notification notification, String afterId, int limit) {
        return afterId == null && limit > 0 ? List.of(new Recipient(ACCOUNT, ACCOUNT, account().language(), Map.of()))
                : List.of();
    }

    @Override
    public SendResult send(Delivery delivery) {
        Account account = account();
        if (!account.enabled()) {
            return new SendResult.Failed("the " + account.label() + " channel is disabled", null);
        }
        Instant now = Instant.now();
        String misconfigured = misconfiguration();
        if (misconfigured != null) {
            return paused(misconfigured, null, now);
        }
        Duration wait = account.access().waitBeforeCall(now, account.probeInterval());
        if (!wait.isZero()) {
            AccountAccess.Pause pause = account.access().pause();
            return new SendResult.Retry(pause != null ? "paused: " + pause.reason()
                    : "rate limited by " + account.service(), null, new SendResult.RetryAfter.NotBefore(wait));
        }
        try {
            return post(delivery, now);
        } catch (IOException e) {
            return new SendResult.Retry(account.service() + " unreachable: " + e.getMessage(), null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.Retry("interrupted", null, null);
        }
    }

    /** Pauses the account (an operator must act) until a probe gets through; logged once per pause. */
    protected SendResult paused(String reason, Integer status, Instant now) {
        Account account = account();
        String line = SendResult.reason(reason, 500, "paused");
        if (account.access().pause() == null) {
            LOG.errorf("%s channel paused: %s", account.label(), line);
        }
        account.access().pause(line, now, account.probeInterval());
        return new SendResult.Retry(line, status, new SendResult.RetryAfter.NotBefore(account.probeInterval()));
    }

    /**
     * The service answered 429. A reset it names is when it takes calls again, not a hint: every post waits for it (a
     * minute when it names none), even past the schedule's wait. A bare {@code Retry-After} is only a hint.
     */
    protected SendResult rateLimited(Optional<Instant> reset, Optional<Duration> retryAfter, Instant now) {
        Account account = account();
        if (reset.isEmpty() && retryAfter.isPresent()) {
            return new SendResult.Retry("rate limited by " + account.service(), 429,
                    SendResult.RetryAfter.hint(retryAfter.get()));
        }
        Duration untilReset = reset.map(until -> Duration.between(now, until)).orElse(NO_RESET_GIVEN);
        if (untilReset.compareTo(SHORTEST_WAIT) < 0) {
            untilReset = SHORTEST_WAIT;
        }
        account.access().rateLimitedUntil(now.plus(untilReset));
        return new SendResult.Retry("rate limited by " + account.service() + " until " + now.plus(untilReset), 429,
                new SendResult.RetryAfter.NotBefore(untilReset));
    }

    @Override
    public int concurrency() {
        // One at a time: a reply needs the post before it, and the account's timeline keeps the recorded order.
        return 1;
    }

    @Override
    public boolean postsInThreads() {
        return true;
    }

    @Override
    public int maxAttempts() {
        // Waiting (rate limit, refused credentials, an earlier update's retry) counts as attempts too; a post is given
        // up only after days of that, never while an operator can still fix the account.
        return 10_000;
    }
}
