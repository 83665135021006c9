package io.heraldo.channel.mastodon;

import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.heraldo.channel.Delivery;
import io.heraldo.channel.SendResult;
import io.heraldo.channel.social.AccountChannel;
import io.heraldo.channel.social.PostDrafts;

/**
 * The page's Mastodon account: like X, the first update of an incident or maintenance is a status and every later
 * one replies to the previous status of that thread (the fan-out keeps the order and hands over the ids); notices
 * are statuses of their own. The delivery id is the {@code Idempotency-Key}, so a retry of a status the instance
 * took (its answer lost) is answered with that status, not posted twice.
 */
@ApplicationScoped
public class MastodonChannel extends AccountChannel {

    public static final String NAME = "mastodon";

    private static final Logger LOG = Logger.getLogger(MastodonChannel.class);
    private static final Set<String> VISIBILITIES = Set.of("public", "unlisted", "private", "direct");

    private final MastodonConfig config;
    private final PostDrafts drafts;
    private final MastodonApi api;
    private final MastodonLimits limits;
    private final MastodonAccess access;

    public MastodonChannel(MastodonConfig config, PostDrafts drafts, MastodonApi api, MastodonLimits limits,
            MastodonAccess access) {
        this.config = config;
        this.drafts = drafts;
        this.api = api;
        this.limits = limits;
        this.access = access;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected Account account() {
        return new Account("Mastodon", "Mastodon", config.enabled(), access, config.pauseProbeInterval(), language());
    }

    /** The language of the account's posts. */
    private String language() {
        return drafts.language(config.lang().orElse(null));
    }

    @Override
    protected SendResult post(Delivery delivery, Instant now) throws IOException, InterruptedException {
        // The fan-out orders the thread: it hands over the status this one answers once the earlier ones are out.
        String replyTo = delivery.thread() == null ? null : delivery.thread().previousId();
        String text = StatusText.fit(drafts.draft(delivery.notification(), language()), limits.current(now));
        MastodonApi.Answer answer = api.post(new MastodonApi.Status(text, replyTo, visibility(), language()),
                delivery.id());
        if (answer.status() == 404 && replyTo != null) {
            // The status before was deleted: this one starts the thread again rather than wait for it forever.
            LOG.warnf("Mastodon status %s to answer is gone; delivery %s is posted on its own", replyTo,
                    delivery.id());
            answer = api.post(new MastodonApi.Status(text, null, visibility(), language()), delivery.id());
        }
        return outcome(answer);
    }

    /** The status's id is recorded with the delivery: later updates of its thread reply to it. */
    private SendResult outcome(MastodonApi.Answer answer) {
        int status = answer.status();
        Instant now = Instant.now();
        if (status == 200) {
            if (access.resume()) {
                LOG.info("Mastodon channel resumed: the instance accepts the token again");
            }
            if (answer.rateLimitRemaining().orElse(1L) == 0 && answer.rateLimitReset().isPresent()) {
                // The last call of the window: wait for its reset rather than be refused.
                access.rateLimitedUntil(answer.rateLimitReset().get());
            }
            String id = api.statusId(answer.body());
            return id == null ? new SendResult.Failed("Mastodon answered 200 without a status id", status)
                    : new SendResult.Sent(status, id);
        }
        if (status == 429) {
            return rateLimited(answer.rateLimitReset(), answer.retryAfter(), now);
        }
        if (status == 401 || status == 403) {
            return paused("the instance answered " + status + " to the account's token (heraldo.mastodon.*): "
                    + said(answer), status, now);
        }
        if (status == 404) {
            return paused("the instance answered 404 to POST /api/v1/statuses: is heraldo.mastodon.instance-url the "
                    + "instance's address?", status, now);
        }
        if (status == 422 && api.error(answer.body()).toLowerCase(Locale.ROOT).contains("character limit")) {
            // The instance lowered its limit since it was read: read it again and fit the text anew.
            limits.stale();
            return new SendResult.Retry("Mastodon answered 422: " + said(answer), status, null);
        }
        if (status >= 500 || status == 408) {
            return new SendResult.Retry("Mastodon answered " + status + ": " + said(answer), status,
                    SendResult.RetryAfter.hint(answer.retryAfter().orElse(null)));
        }
        // Any other 4xx is about this status and will not pass; the thread goes on from the status before.
        return new SendResult.Failed("Mastodon answered " + status + ": " + said(answer), status);
    }

    /** What keeps the account from posting at all, or {@code null}. */
    @Override
    protected String misconfiguration() {
        if (config.instanceUrl().filter(url -> url.startsWith("https://") || url.startsWith("http://")).isEmpty()) {
            return "heraldo.mastodon.instance-url is not set to the instance's https:// address";
        }
        if (config.accessToken().filter(token -> !token.isBlank()).isEmpty()) {
            return "heraldo.mastodon.access-token is not set";
        }
        if (!VISIBILITIES.contains(visibility())) {
            return "heraldo.mastodon.visibility must be one of public, unlisted, private, direct";
        }
        return null;
    }

    private String visibility() {
        return config.visibility().strip().toLowerCase(Locale.ROOT);
    }

    private String said(MastodonApi.Answer answer) {
        return SendResult.reason(api.error(answer.body()), 300, "(no body)");
    }
}
