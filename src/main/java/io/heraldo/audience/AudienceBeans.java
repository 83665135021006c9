package io.heraldo.audience;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

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
    SubscriberTokens subscriberTokens(DataSource dataSource) {
        return new SubscriberTokens(AppSecrets.bytes(dataSource, TOKEN_KEY, SubscriberTokens.KEY_LENGTH));
    }

    /** The sending mailbox's VERP addresses, under a key of their own. */
    @Produces
    @ApplicationScoped
    ReturnPaths returnPaths(DataSource dataSource, EmailConfig email) {
        return new ReturnPaths(AppSecrets.bytes(dataSource, RETURN_PATH_KEY, ReturnPaths.KEY_LENGTH),
                email.sender().getAddress(), email.verp());
    }

    @Produces
    @ApplicationScoped
    SubscriberJson subscriberJson(ObjectMapper json) {
        return new SubscriberJson(json);
    }
}
