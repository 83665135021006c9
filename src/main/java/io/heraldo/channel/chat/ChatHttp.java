package io.heraldo.channel.chat;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.heraldo.channel.TargetRules;
import io.heraldo.platform.http.OutboundHttp;
import io.heraldo.platform.http.TargetGuard;
import io.vertx.core.Vertx;

/**
 * The chat services' way out: a JSON request to a service, answered by a {@link Reply}. A URL an operator gave (a
 * webhook URL, a homeserver) passes the private-network guard before every request, and the request connects to the
 * address the guard checked (DNS rebinding); the services' own APIs from the configuration
 * ({@code heraldo.chat.*-api-url}) are trusted as configured. Failures to connect or to answer in time are retried;
 * what comes back is the service's to read. No URL reaches a reason or a log: webhook URLs and Telegram's carry
 * secrets.
 */
@ApplicationScoped
public class ChatHttp {

    /** Where a request goes, as far as the guard is concerned. */
    public enum Target {
        /** Given by an operator with the destination: checked by the guard. */
        OPERATOR,
        /** Heraldo's own configuration: trusted. */
        CONFIGURED
    }

    /** Enough of an answer to read a service's JSON error or id (Telegram echoes the whole message). */
    static final int BODY_LIMIT = 64 * 1024;

    private final OutboundHttp http;
    private final TargetGuard guard;
    private final ObjectMapper json;
    private final ChatConfig config;

    public ChatHttp(Vertx vertx, ChatConfig config, TargetRules rules, ObjectMapper json) {
        this.http = new OutboundHttp(vertx, new OutboundHttp.Settings(config.connectTimeout(), config.timeout(),
                config.concurrency(), BODY_LIMIT));
        this.guard = new TargetGuard(rules.allowPrivateTargets());
        this.json = json;
        this.config = config;
    }

    /**
     * Sends {@code body} as JSON and reads the answer with {@code read}; never completes exceptionally for a failure
     * of the service or the network.
     */
    public CompletionStage<Reply> send(String method, URI url, Target target, Map<String, String> headers,
            JsonNode body, Function<OutboundHttp.Answer, Reply> read) {
        InetAddress address;
        try {
            address = target == Target.OPERATOR ? guard.addresses(url).get(0) : InetAddress.getAllByName(url.getHost())[0];
        } catch (TargetGuard.RefusedTarget e) {
            return CompletableFuture.completedFuture(Reply.failed("refused target: " + e.getMessage(), null));
        } catch (UnknownHostException e) {
            return CompletableFuture.completedFuture(Reply.retry("unknown host " + url.getHost(), null, null));
        }
        Map<String, String> all = new LinkedHashMap<>();
        all.put("content-type", "application/json; charset=utf-8");
        all.put("accept", "application/json");
        all.put("user-agent", "Heraldo-Chat/1");
        all.putAll(headers);
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            return CompletableFuture.completedFuture(Reply.failed("cannot write the message: " + e.getMessage(), null));
        }
        return http.send(method, url, address, all, bytes).handle((answer, error) -> {
            if (error == null) {
                return read.apply(answer);
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof TimeoutException) {
                return Reply.retry("no answer within " + config.timeout().toSeconds() + " s", null, null);
            }
            if (cause instanceof ConnectException) {
                return Reply.retry("cannot connect to " + url.getHost(), null, null);
            }
            return Reply.retry(cause.getClass().getSimpleName() + scrubbed(cause.getMessage(), url), null, null);
        });
    }

    /** An exception's message without the URL's path and query, which may carry a secret. */
    private static String scrubbed(String message, URI url) {
        if (message == null || message.isBlank()) {
            return "";
        }
        String text = message;
        if (url.getRawPath() != null && url.getRawPath().length() > 1) {
            text = text.replace(url.getRawPath(), "/…");
        }
        if (url.getRawQuery() != null) {
            text = text.replace(url.getRawQuery(), "…");
        }
        return ": " + text;
    }

    /** The guard's verdict on a URL an operator gives, at registration. */
    TargetGuard guard() {
        return guard;
    }

    /** A JSON answer, or an empty object when it is none (a plain {@code ok}, an HTML error page). */
    public JsonNode read(String body) {
        if (body == null || body.isBlank()) {
            return json.createObjectNode();
        }
        try {
            JsonNode node = json.readTree(body.getBytes(StandardCharsets.UTF_8));
            return node == null ? json.createObjectNode() : node;
        } catch (java.io.IOException e) {
            return json.createObjectNode();
        }
    }

    public ObjectMapper json() {
        return json;
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
