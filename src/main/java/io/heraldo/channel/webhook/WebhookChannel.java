package io.heraldo.channel.webhook;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.heraldo.channel.Channel;
import io.heraldo.channel.Delivery;
import io.heraldo.channel.Notification;
import io.heraldo.channel.NotificationType;
import io.heraldo.channel.Recipient;
import io.heraldo.channel.SendResult;
import io.heraldo.channel.TargetPermits;
import io.heraldo.channel.TargetRules;
import io.heraldo.channel.TargetState;
import io.heraldo.platform.HeraldoConfig;
import io.heraldo.platform.http.TargetGuard;

/**
 * Signed JSON POSTs to registered endpoints (contract section 4), Standard Webhooks style: {@code webhook-id} is the
 * delivery id, so a retry, a replay or a duplicate after a crash carries the same one and receivers can drop it.
 */
@ApplicationScoped
public class WebhookChannel implements Channel {

    public static final String NAME = "webhook";

    private static final Logger LOG = Logger.getLogger(WebhookChannel.class);

    private final WebhookConfig config;
    private final TargetRules rules;
    private final WebhookEndpoints endpoints;
    private final WebhookSender sender;
    private final WebhookPayloads payloads;
    private final TargetGuard guard;
    private final TargetPermits permits;
    /** Every endpoint gets the same bytes for one notification: rendered once. */
    private final Cache<String, byte[]> bodies = Caffeine.newBuilder().maximumSize(1_000).build();

    public WebhookChannel(WebhookConfig config, TargetRules rules, WebhookEndpoints endpoints, WebhookSender sender, HeraldoConfig heraldo,
            ObjectMapper json) {
        this.config = config;
        this.permits = new TargetPermits(config.endpointConcurrency(), "endpoint", "deliveries");
        this.rules = rules;
        this.endpoints = endpoints;
        this.sender = sender;
        this.payloads = new WebhookPayloads(new WebhookPayloads.PageInfo(heraldo.page().id(), heraldo.page().name(),
                heraldo.publicUrl(), heraldo.page().timeZone()), json);
        this.guard = new TargetGuard(rules.allowPrivateTargets());
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Webhooks hear of every kind, bare component changes included; endpoints filter for themselves. */
    @Override
    public boolean wants(Notification notification) {
        return true;
    }

    /** The page's endpoints in one query: each send then finds its own in the cache. */
    @Override
    public void prepare(List<Recipient> recipients) {
        endpoints.load(recipients.stream().map(Recipient::id).toList());
    }

    @Override
    public List<Recipient> recipients(Notification notification, String afterId, int limit) {
        String type = NotificationType.of(notification.kind()).wire();
        return endpoints.matching(type, notification.componentIds(), afterId, limit).stream()
                .map(e -> new Recipient(e.id(), e.url(), "en", Map.of()))
                .toList();
    }

    @Override
    public SendResult send(Delivery delivery) {
        return sendAsync(delivery, Runnable::run).toCompletableFuture().join();
    }

    /**
     * Signed and posted from the caller's thread without waiting for the answer; what comes of it (a disabled
     * endpoint, a failing streak) is written on a sender thread, never on the HTTP client's event loop.
     */
    @Override
    public CompletionStage<SendResult> sendAsync(Delivery delivery, Executor senders) {
        // The endpoint as it is now: deleted, disabled or given a new URL since the delivery was planned.
        Optional<WebhookEndpoint> found = endpoints.cached(delivery.recipient().id());
        Optional<CompletionStage<SendResult>> unavailable = TargetState.unavailable("endpoint", found,
                WebhookEndpoint::enabled, WebhookEndpoint::disabledReason);
        if (unavailable.isPresent()) {
            return unavailable.get();
        }
        WebhookEndpoint endpoint = found.get();
        return permits.send(endpoint.id(), () -> post(delivery, endpoint), result -> afterwards(endpoint, result),
                senders);
    }

    private CompletionStage<SendResult> post(Delivery delivery, WebhookEndpoint endpoint) {
        URI url;
        InetAddress address;
        try {
            url = TargetGuard.parse(endpoint.url());
            address = guard.addresses(url).get(0);
        } catch (TargetGuard.RefusedTarget e) {
            return CompletableFuture.completedFuture(new SendResult.Failed("refused target: " + e.getMessage(), null));
        } catch (UnknownHostException e) {
            return CompletableFuture.completedFuture(new SendResult.Retry("unknown host in " + endpoint.url(), null, null));
        }
        byte[] body = body(delivery.notification());
        long timestamp = Instant.now().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("user-agent", "Heraldo-Webhooks/1");
        headers.put("webhook-id", delivery.id());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", WebhookSecret.parse(endpoint.secret()).sign(delivery.id(), timestamp, body));
        return sender.postAsync(url, address, headers, body).handle((answer, error) -> {
            if (error == null) {
                return WebhookResponses.classify(answer.status(), answer.retryAfter(), answer.body(), Instant.now());
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof TimeoutException) {
                return new SendResult.Retry("no answer within " + config.timeout().toSeconds() + " s", null, null);
            }
            String what = cause instanceof ConnectException ? "cannot connect" : cause.getClass().getSimpleName();
            return new SendResult.Retry(what + ": " + cause.getMessage(), null, null);
        });
    }

    /** 410 disables at once; a success clears the failing streak; a failure may end a long one by disabling. */
    private SendResult afterwards(WebhookEndpoint endpoint, SendResult result) {
        if (result instanceof SendResult.Sent) {
            if (endpoint.failingSince() != null) {
                endpoints.succeeded(endpoint.id());
            }
        } else if (result instanceof SendResult.Failed failed && Integer.valueOf(410).equals(failed.statusCode())) {
            endpoints.disable(endpoint.id(), "HTTP 410 Gone at " + Instant.now());
            LOG.infof("Webhook endpoint %s answered 410 Gone: disabled", endpoint.id());
        } else if (endpoints.failed(endpoint.id(), rules.disableAfter())) {
            LOG.infof("Webhook endpoint %s failed for longer than %s: disabled", endpoint.id(), rules.disableAfter());
        }
        return result;
    }

    private byte[] body(Notification notification) {
        return bodies.get(notification.id(), id -> payloads.render(notification));
    }

    @Override
    public int concurrency() {
        return config.concurrency();
    }

    @Override
    public List<Duration> retrySchedule() {
        return rules.retrySchedule();
    }

    /** The first attempt and one per entry of the schedule. */
    @Override
    public int maxAttempts() {
        return rules.retrySchedule().size() + 1;
    }
}
