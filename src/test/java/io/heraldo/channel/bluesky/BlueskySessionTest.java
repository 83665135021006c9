package io.heraldo.channel.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The account's session against a local PDS over real HTTP: opened once, refreshed when it runs out. */
class BlueskySessionTest {

    private LocalBluesky pds;
    private BlueskySession session;
    private BlueskyApi api;

    @BeforeEach
    void start() {
        pds = LocalBluesky.start();
        BlueskyConfig config = config(pds.baseUrl(), LocalBluesky.APP_PASSWORD);
        api = new BlueskyApi(config, new ObjectMapper());
        session = new BlueskySession(api, config);
    }

    @AfterEach
    void stop() {
        pds.close();
    }

    @Test
    void oneSessionServesEveryCall() throws Exception {
        for (int i = 0; i < 5; i++) {
            BlueskySession.Outcome outcome = session.call((did, jwt) -> api.latestPosts(jwt, did, 1));
            assertThat(outcome.answer().status()).isEqualTo(200);
        }

        assertThat(pds.sessionsCreated()).isEqualTo(1);
        assertThat(pds.sessionsRefreshed()).isZero();
    }

    @Test
    void anExpiredAccessTokenIsRefreshedAndTheCallMadeAgain() throws Exception {
        session.call((did, jwt) -> api.latestPosts(jwt, did, 1));
        pds.expireAccessTokens();

        BlueskySession.Outcome outcome = session.call((did, jwt) -> api.latestPosts(jwt, did, 1));
        session.call((did, jwt) -> api.latestPosts(jwt, did, 1));

        assertThat(outcome.answer().status()).isEqualTo(200);
        assertThat(pds.sessionsRefreshed()).as("refreshed once; the new token serves the next call").isEqualTo(1);
        assertThat(pds.sessionsCreated()).isEqualTo(1);
    }

    @Test
    void aRefusedRefreshOpensANewSessionAndRefusedCredentialsSaySo() throws Exception {
        session.call((did, jwt) -> api.latestPosts(jwt, did, 1));
        pds.revokeAppPassword();

        BlueskySession.Outcome refused = session.call((did, jwt) -> api.latestPosts(jwt, did, 1));

        assertThat(refused.opening()).isTrue();
        assertThat(refused.answer().status()).isEqualTo(401);
        assertThat(refused.answer().error()).isEqualTo("AuthenticationRequired");

        pds.restoreAppPassword();
        BlueskySession.Outcome back = session.call((did, jwt) -> api.latestPosts(jwt, did, 1));
        assertThat(back.answer().status()).isEqualTo(200);
        assertThat(pds.sessionsCreated()).isEqualTo(2);
    }

    @Test
    void aWrongAppPasswordNeverOpensASession() throws Exception {
        BlueskyConfig wrong = config(pds.baseUrl(), "wrong-pass-word-here");
        BlueskySession refused = new BlueskySession(new BlueskyApi(wrong, new ObjectMapper()), wrong);

        BlueskySession.Outcome outcome = refused.call((did, jwt) -> api.latestPosts(jwt, did, 1));

        assertThat(outcome.opening()).isTrue();
        assertThat(pds.refusedPasswords()).isEqualTo(1);
        assertThat(pds.sessionsCreated()).isZero();
    }

    private static BlueskyConfig config(String serviceUrl, String password) {
        return new BlueskyConfig() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public String serviceUrl() {
                return serviceUrl;
            }

            @Override
            public Optional<String> identifier() {
                return Optional.of(LocalBluesky.IDENTIFIER);
            }

            @Override
            public Optional<String> appPassword() {
                return Optional.of(password);
            }

            @Override
            public Optional<String> lang() {
                return Optional.empty();
            }

            @Override
            public Duration pauseProbeInterval() {
                return Duration.ofSeconds(1);
            }
        };
    }
}
