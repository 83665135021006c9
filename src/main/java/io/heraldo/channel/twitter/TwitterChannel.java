package io.heraldo.channel.twitter;

import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.heraldo.channel.Delivery;
import io.heraldo.channel.Notification;
import io.heraldo.channel.SendResult;
import io.heraldo.channel.social.AccountChannel;
import io.heraldo.channel.social.PostDrafts;

/**
 * The page's X account. The first update of an incident or maintenance is a tweet and every later one replies to the
 * previous tweet of that thread (the fan-out keeps the thread's order and hands over the tweet to answer); notices
 * are single tweets. One delivery at a
 * time, so the account's tweets go out in the order they were recorded.
 */
@ApplicationScoped
public class TwitterChannel extends AccountChannel {

    public static final String NAME = "twitter";

    private static final Logger LOG = Logger.getLogger(TwitterChannel.class);

    private final TwitterConfig config;
    private final PostDrafts drafts;
    private final TwitterApi api;
    private final TwitterAccess access;

    public TwitterChannel(TwitterConfig config, PostDrafts drafts, TwitterApi api, TwitterAccess access) {
        this.config = config;
        this.drafts = drafts;
        this.api = api;
        this.access = access;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected Account account() {
        return new Account("Twitter", "X", config.enabled(), access, config.pauseProbeInterval(),
                drafts.language(null));
    }

    @Override
    protected SendResult post(Delivery delivery, Instant now) throws IOException, InterruptedException {
        Notification notification = delivery.notification();
        // The fan-out orders the thread: it hands over the tweet this one answers once the earlier updates are out.
        String replyTo = delivery.thread() == null ? null : delivery.thread().previousId();
        return outcome(api.post(text(notification), replyTo));
    }

    /** The tweet's id is recorded with the delivery: later updates of its thread reply to it. */
    private SendResult outcome(TwitterApi.Answer answer) {
        int status = answer.status();
        Instant now = Instant.now();
        if (status == 200 || status == 201) {
            if (access.resume()) {
                LOG.info("Twitter channel resumed: X accepts the credentials again");
            }
            String tweetId = api.tweetId(answer.body());
            if (tweetId == null) {
                return new SendResult.Failed("X answered " + status + " without a tweet id", status);
            }
            return new SendResult.Sent(status, tweetId);
        }
        if (status == 429) {
            OptionalLong reset = answer.rateLimitReset();
            return rateLimited(reset.isPresent() ? Optional.of(Instant.ofEpochSecond(reset.getAsLong()))
                    : Optional.empty(), Optional.empty(), now);
        }
        if (status == 403 && isDuplicate(answer.body())) {
            access.resume();
            return new SendResult.Failed("X refused a duplicate tweet", 403);
        }
        if (status == 401 || status == 403) {
            return paused("X answered " + status + " to the account's credentials (heraldo.twitter.*): "
                    + said(answer.body()), status, now);
        }
        if (status >= 500 || status == 408) {
            return new SendResult.Retry("X answered " + status + ": " + said(answer.body()), status, null);
        }
        // Any other 4xx is about this tweet and will not pass; the thread goes on from the tweet before.
        return new SendResult.Failed("X answered " + status + ": " + said(answer.body()), status);
    }

    /** The producer's own tweet if it wrote one, else the status in words, the title, the update and the link. */
    String text(Notification notification) {
        return TweetComposer.fit(drafts.draft(notification, drafts.language(config.lang().orElse(notification.lang()))));
    }

    private static boolean isDuplicate(String body) {
        return body != null && body.toLowerCase(Locale.ROOT).contains("duplicate");
    }

    private static String said(String body) {
        return SendResult.reason(body, 300, "(no body)");
    }
}
