package io.heraldo.channel.bluesky;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.heraldo.channel.Delivery;
import io.heraldo.channel.SendResult;
import io.heraldo.channel.social.AccountChannel;
import io.heraldo.channel.social.PostDraft;
import io.heraldo.channel.social.PostDrafts;

/**
 * The page's Bluesky account: like X, the first update of an incident or maintenance is a post and every later one
 * replies to the previous post of that thread, under the first (the fan-out keeps the order and hands over both as
 * {@code uri|cid}); notices are posts of their own. Each post first looks among the account's latest posts for itself
 * (an attempt whose answer was lost, a replica that died before recording it), since {@code createRecord} has no
 * idempotency key.
 */
@ApplicationScoped
public class BlueskyChannel extends AccountChannel {

    public static final String NAME = "bluesky";

    private static final Logger LOG = Logger.getLogger(BlueskyChannel.class);
    /** How far back a post looks for itself: the account posts one at a time. */
    private static final int LOOK_BACK = 10;
    /** Errors about the account itself, not the post: an operator must act. */
    private static final Set<String> ACCOUNT_ERRORS = Set.of("AccountTakedown", "AccountDeactivated",
            "AccountSuspended", "AuthenticationRequired");

    private final BlueskyConfig config;
    private final PostDrafts drafts;
    private final BlueskyApi api;
    private final BlueskySession session;
    private final BlueskyAccess access;
    private final ObjectMapper json;

    public BlueskyChannel(BlueskyConfig config, PostDrafts drafts, BlueskyApi api, BlueskySession session,
            BlueskyAccess access, ObjectMapper json) {
        this.config = config;
        this.drafts = drafts;
        this.api = api;
        this.session = session;
        this.access = access;
        this.json = json;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected Account account() {
        return new Account("Bluesky", "Bluesky", config.enabled(), access, config.pauseProbeInterval(), language());
    }

    /** The language of the account's posts. */
    private String language() {
        return drafts.language(config.lang().orElse(null));
    }

    @Override
    protected SendResult post(Delivery delivery, Instant now) throws IOException, InterruptedException {
        PostDraft draft = drafts.draft(delivery.notification(), language());
        String text = PostText.fit(draft);
        // The fan-out orders the thread: it hands over the posts this one answers once the earlier ones are out.
        PostRef parent = delivery.thread() == null ? null : PostRef.of(delivery.thread().previousId());
        PostRef root = delivery.thread() == null ? null : PostRef.of(delivery.thread().rootId());
        // createRecord has no idempotency key: an earlier attempt may have posted it and lost the answer, or a
        // replica may have died before recording it. The account posts one at a time, so its latest posts tell.
        BlueskySession.Outcome latest = session.call((did, jwt) -> api.latestPosts(jwt, did, LOOK_BACK));
        if (latest.answer().ok()) {
            PostRef made = alreadyPosted(latest.answer().body(), text, parent);
            if (made != null) {
                LOG.infof("Bluesky post of delivery %s was made already: %s", delivery.id(), made.uri());
                return posted(made);
            }
        } else if (latest.opening() || latest.answer().status() == 429 || latest.answer().status() >= 500
                || BlueskySession.tokenRefused(latest.answer())) {
            return outcome(latest, now);
        }
        ObjectNode post = record(text, PostText.links(text, draft.link()), now, root != null ? root : parent, parent);
        return outcome(session.call((did, jwt) -> api.createPost(jwt, did, post)), Instant.now());
    }

    /** An {@code app.bsky.feed.post} record: plain text, its link facets, the account's language, the reply. */
    ObjectNode record(String text, List<PostText.Link> links, Instant createdAt, PostRef root, PostRef parent) {
        ObjectNode post = json.createObjectNode().put("$type", BlueskyApi.POST).put("text", text)
                .put("createdAt", createdAt.truncatedTo(ChronoUnit.MILLIS).toString());
        post.putArray("langs").add(language());
        if (!links.isEmpty()) {
            ArrayNode facets = post.putArray("facets");
            for (PostText.Link link : links) {
                ObjectNode facet = facets.addObject();
                facet.putObject("index").put("byteStart", link.byteStart()).put("byteEnd", link.byteEnd());
                facet.putArray("features").addObject().put("$type", "app.bsky.richtext.facet#link")
                        .put("uri", link.uri());
            }
        }
        if (parent != null) {
            ObjectNode reply = post.putObject("reply");
            reply.putObject("root").put("uri", root.uri()).put("cid", root.cid());
            reply.putObject("parent").put("uri", parent.uri()).put("cid", parent.cid());
        }
        return post;
    }

    /** The post among the latest that this delivery made already: the same text, answering the same post. */
    private static PostRef alreadyPosted(JsonNode listed, String text, PostRef parent) {
        for (JsonNode post : listed.path("records")) {
            JsonNode value = post.path("value");
            String answered = value.path("reply").path("parent").path("uri").asText(null);
            if (text.equals(value.path("text").asText(null))
                    && Objects.equals(answered, parent == null ? null : parent.uri())) {
                String uri = post.path("uri").asText(null);
                String cid = post.path("cid").asText(null);
                return uri == null || cid == null ? null : new PostRef(uri, cid);
            }
        }
        return null;
    }

    /** The post's {@code uri|cid} is recorded with the delivery: later updates of its thread reply to it. */
    private SendResult outcome(BlueskySession.Outcome outcome, Instant now) {
        BlueskyApi.Answer answer = outcome.answer();
        int status = answer.status();
        if (answer.ok()) {
            String uri = answer.body().path("uri").asText(null);
            String cid = answer.body().path("cid").asText(null);
            return uri == null || cid == null ? new SendResult.Failed("Bluesky answered 200 without uri and cid", 200)
                    : posted(new PostRef(uri, cid));
        }
        if (status == 429) {
            return rateLimited(answer.rateLimitReset(), answer.retryAfter(), now);
        }
        if (status >= 500 || status == 408) {
            return new SendResult.Retry(answer.said(), status, SendResult.RetryAfter.hint(answer.retryAfter().orElse(null)));
        }
        if (outcome.opening()) {
            return paused("Bluesky refused to open a session for heraldo.bluesky.identifier with its app password: "
                    + answer.said(), status, now);
        }
        if (BlueskySession.tokenRefused(answer) || ACCOUNT_ERRORS.contains(answer.error())) {
            return paused("Bluesky refused the account's session: " + answer.said(), status, now);
        }
        // Any other refusal is about this post and will not pass; the thread goes on from the post before.
        return new SendResult.Failed(SendResult.reason(answer.said(), 300, "Bluesky refused the post"), status);
    }

    private SendResult posted(PostRef post) {
        if (access.resume()) {
            LOG.info("Bluesky channel resumed: the service accepts the app password again");
        }
        return new SendResult.Sent(200, post.externalId());
    }

    /** What keeps the account from posting at all, or {@code null}. */
    @Override
    protected String misconfiguration() {
        if (!config.serviceUrl().startsWith("https://") && !config.serviceUrl().startsWith("http://")) {
            return "heraldo.bluesky.service-url is not an https:// address";
        }
        if (config.identifier().filter(id -> !id.isBlank()).isEmpty()) {
            return "heraldo.bluesky.identifier is not set";
        }
        if (config.appPassword().filter(password -> !password.isBlank()).isEmpty()) {
            return "heraldo.bluesky.app-password is not set";
        }
        return null;
    }
}
