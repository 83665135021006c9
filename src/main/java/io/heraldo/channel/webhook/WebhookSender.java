package io.heraldo.channel.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.heraldo.platform.http.OutboundHttp;
import io.heraldo.platform.http.TargetGuard;
import io.vertx.core.Vertx;

/**
 * One POST to a receiver, connecting to an address the {@link TargetGuard} checked (see {@link OutboundHttp}), with
 * a pool as large as the channel's concurrency. Redirects are never followed.
 */
@ApplicationScoped
public class WebhookSender {

    /** What came back: the status, Retry-After, and at most the first kilobyte of the body. */
    public record Answer(int status, String retryAfter, String body) {
    }

    private final OutboundHttp http;

    public WebhookSender(Vertx vertx, WebhookConfig config) {
        this.http = new OutboundHttp(vertx, new OutboundHttp.Settings(config.connectTimeout(), config.timeout(),
                config.concurrency(), WebhookResponses.ERROR_BODY_LIMIT + 1));
    }

    /**
     * Posts the body and waits for the answer, {@code heraldo.webhook.timeout} at most.
     *
     * @throws TimeoutException when it took longer
     * @throws ExecutionException when connecting or exchanging failed (the cause says how)
     */
    public Answer post(URI url, InetAddress address, Map<String, String> headers, byte[] body)
            throws TimeoutException, ExecutionException, InterruptedException {
        return postAsync(url, address, headers, body).toCompletableFuture().get();
    }

    /**
     * Posts the body without holding the caller: the answer, or a failure ({@link TimeoutException} after
     * {@code heraldo.webhook.timeout}, else how connecting or exchanging failed).
     */
    public CompletionStage<Answer> postAsync(URI url, InetAddress address, Map<String, String> headers, byte[] body) {
        return http.send("POST", url, address, headers, body)
                .thenApply(answer -> new Answer(answer.status(), answer.retryAfter(), answer.body()));
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
