package io.heraldo.audience;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.heraldo.platform.HeraldoConfig;

/** The links mailed to subscribers, under {@code heraldo.public-url}. The email channel uses the unsubscribe one. */
@ApplicationScoped
public class SubscriberLinks {

    public static final String CONFIRM_PATH = "/subscriptions/confirm";
    public static final String UNSUBSCRIBE_PATH = "/subscriptions/unsubscribe";

    private final String base;
    private final SubscriberTokens tokens;

    public SubscriberLinks(HeraldoConfig config, SubscriberTokens tokens) {
        this.base = config.publicUrl().replaceAll("/+$", "");
        this.tokens = tokens;
    }

    public String confirm(UUID id, String nonce) {
        return base + CONFIRM_PATH + "?token=" + tokens.confirmToken(id, nonce);
    }

    /** Also the {@code List-Unsubscribe} target: a POST to it unsubscribes at once (RFC 8058). */
    public String unsubscribe(UUID id) {
        return base + UNSUBSCRIBE_PATH + "?token=" + tokens.unsubscribeToken(id);
    }

    /** The status page. */
    public String statusPage() {
        return base + "/";
    }
}
