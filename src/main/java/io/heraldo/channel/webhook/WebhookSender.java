package io.heraldo.channel.webhook;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * One POST to a receiver, connecting to an address the {@link TargetGuard} checked while the request keeps the URL's
 * host (Host header, TLS server name and certificate check): what was checked is what is reached. Vert.x's client
 * allows exactly that; the JDK client resolves the host itself. Redirects are never followed.
 */
@ApplicationScoped
public class WebhookSender {

    /** What came back: the status, Retry-After, and at most the first kilobyte of the body. */
    public record Answer(int status, String retryAfter, String body) {
    }

    private final HttpClient client;
    private final WebhookConfig config;

    public WebhookSender(Vertx vertx, WebhookConfig config) {
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setIdleTimeout((int) config.timeout().toSeconds())
                .setKeepAlive(true)
                .setVerifyHost(true),
                new PoolOptions().setHttp1MaxSize(Math.max(config.concurrency(), 1)));
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
     * {@code heraldo.webhook.timeout}, else how connecting or exchanging failed). A request that times out is reset,
     * so its connection is not left waiting.
     */
    public CompletionStage<Answer> postAsync(URI url, InetAddress address, Map<String, String> headers, byte[] body) {
        boolean tls = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1) : url.getHost();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setSsl(tls).setHost(host).setPort(port)
                .setURI(path).setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setFollowRedirects(false).setConnectTimeout(config.connectTimeout().toMillis())
                .setIdleTimeout(config.timeout().toMillis());
        headers.forEach(options::putHeader);
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        CompletableFuture<Answer> answer = client.request(options)
                .compose(request -> {
                    sent.set(request);
                    return request.send(Buffer.buffer(body));
                })
                .compose(WebhookSender::read)
                .toCompletionStage().toCompletableFuture()
                .orTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        answer.whenComplete((done, error) -> {
            HttpClientRequest request = sent.get();
            if (error instanceof TimeoutException && request != null) {
                request.reset();
            }
        });
        return answer;
    }

    /** Reads the body as it comes, keeping only its first kilobyte: a receiver cannot fill memory with its answer. */
    private static io.vertx.core.Future<Answer> read(HttpClientResponse response) {
        io.vertx.core.Promise<Answer> promise = io.vertx.core.Promise.promise();
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        response.handler(chunk -> {
            int room = WebhookResponses.ERROR_BODY_LIMIT + 1 - kept.size();
            if (room > 0) {
                byte[] bytes = chunk.getBytes();
                kept.write(bytes, 0, Math.min(room, bytes.length));
            }
        });
        response.exceptionHandler(promise::tryFail);
        response.endHandler(done -> promise.tryComplete(new Answer(response.statusCode(),
                response.getHeader("Retry-After"), kept.toString(StandardCharsets.UTF_8))));
        return promise.future();
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
