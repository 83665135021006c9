package io.heraldo.channel.bluesky;

import java.io.IOException;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/**
 * The account's session, opened once with the app password and kept: when its access token runs out (it lives a
 * couple of hours) it is refreshed with the refresh token, and a new session is opened only when that is refused too.
 * Opening sessions is rate-limited far more tightly than posting, so never one per post. Kept in memory: a restart
 * opens one.
 */
@ApplicationScoped
public class BlueskySession {

    /** A call made as the account. */
    @FunctionalInterface
    public interface Call {
        BlueskyApi.Answer apply(String did, String accessJwt) throws IOException, InterruptedException;
    }

    /**
     * What a call came to.
     *
     * @param opening true when the answer is the service refusing to open a session (the credentials), not the call's
     */
    public record Outcome(BlueskyApi.Answer answer, boolean opening) {
    }

    private record Tokens(String did, String accessJwt, String refreshJwt) {
    }

    private static final Logger LOG = Logger.getLogger(BlueskySession.class);
    /** The errors of a token that no longer works: run out, revoked, or of another session. */
    private static final Set<String> TOKEN_ERRORS = Set.of("ExpiredToken", "InvalidToken");

    private final BlueskyApi api;
    private final BlueskyConfig config;
    private Tokens tokens;

    public BlueskySession(BlueskyApi api, BlueskyConfig config) {
        this.api = api;
        this.config = config;
    }

    /** Makes {@code call} with the session's access token, refreshing or reopening the session once if it ran out. */
    public synchronized Outcome call(Call call) throws IOException, InterruptedException {
        if (tokens == null) {
            BlueskyApi.Answer opened = open();
            if (!opened.ok()) {
                return new Outcome(opened, true);
            }
        }
        BlueskyApi.Answer answer = call.apply(tokens.did(), tokens.accessJwt());
        if (!tokenRefused(answer)) {
            return new Outcome(answer, false);
        }
        BlueskyApi.Answer refreshed = api.refreshSession(tokens.refreshJwt());
        if (refreshed.ok()) {
            tokens = tokens(refreshed);
        } else if (tokenRefused(refreshed) || refreshed.status() == 400) {
            LOG.infof("Bluesky refresh token refused (%s): opening a new session", refreshed.said());
            tokens = null;
            BlueskyApi.Answer opened = open();
            if (!opened.ok()) {
                return new Outcome(opened, true);
            }
        } else {
            return new Outcome(refreshed, false);
        }
        answer = call.apply(tokens.did(), tokens.accessJwt());
        if (tokenRefused(answer)) {
            // A brand-new token refused: the next call starts from a new session rather than from this one.
            tokens = null;
        }
        return new Outcome(answer, false);
    }

    private BlueskyApi.Answer open() throws IOException, InterruptedException {
        BlueskyApi.Answer answer = api.createSession(config.identifier().orElse(""), config.appPassword().orElse(""));
        if (answer.ok()) {
            tokens = tokens(answer);
        }
        return answer;
    }

    private static Tokens tokens(BlueskyApi.Answer answer) throws IOException {
        String did = answer.body().path("did").asText(null);
        String access = answer.body().path("accessJwt").asText(null);
        String refresh = answer.body().path("refreshJwt").asText(null);
        if (did == null || access == null || refresh == null) {
            throw new IOException("Bluesky answered a session without did, accessJwt and refreshJwt");
        }
        return new Tokens(did, access, refresh);
    }

    /** An answer saying the token itself is no good (not the account or the request). */
    static boolean tokenRefused(BlueskyApi.Answer answer) {
        return answer.status() == 401 || (answer.status() == 400 && TOKEN_ERRORS.contains(answer.error()));
    }
}
