package io.heraldo.audience;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.jdbi.v3.core.Jdbi;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.platform.mail.EmailConfig;

/** Producers for the audience's plain classes, so they stay free of CDI. */
@ApplicationScoped
public class AudienceBeans {

    static final String TOKEN_KEY = "subscriber-token-key";
    static final String RETURN_PATH_KEY = "return-path-key";

    /** Application scoped, hence created on first use: the key is read (or made) when a link is first needed. */
    @Produces
    @ApplicationScoped
    SubscriberTokens subscriberTokens(Jdbi jdbi) {
        return new SubscriberTokens(AppSecrets.bytes(jdbi, TOKEN_KEY, SubscriberTokens.KEY_LENGTH));
    }

    /** The sending mailbox's VERP addresses, under a key of their own. */
    @Produces
    @ApplicationScoped
    ReturnPaths returnPaths(Jdbi jdbi, EmailConfig email) {
        return new ReturnPaths(AppSecrets.bytes(jdbi, RETURN_PATH_KEY, ReturnPaths.KEY_LENGTH),
                email.sender().getAddress(), email.verp());
    }

    @Produces
    @ApplicationScoped
    SubscriberJson subscriberJson(ObjectMapper json) {
        return new SubscriberJson(json);
    }
}
