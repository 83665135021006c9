package io.heraldo.platform.http;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Requests to receivers outside Heraldo (webhook endpoints, chat services), each connecting to an address resolved
 * and checked beforehand ({@link TargetGuard}) while the request keeps the URL's host (Host header, TLS server name
 * and certificate check): what was checked is what is reached. Vert.x's client allows exactly that; the JDK client
 * resolves the host itself. Redirects are never followed. Every request is bounded by the timeout, and at most the
 * first {@code bodyLimit} bytes of an answer are kept, so a receiver can neither hold a sender nor fill memory.
 */
public final class OutboundHttp implements AutoCloseable {

    /**
     * How the client behaves.
     *
     * @param poolSize connections kept per host and port
     * @param timeout the whole exchange, from connecting to the last byte of the answer
     * @param bodyLimit the bytes of an answer's body kept
     */
    public record Settings(Duration connectTimeout, Duration timeout, int poolSize, int bodyLimit) {
    }

    /** What came back: the status, {@code Retry-After} ({@code null} when absent), and the start of the body. */
    public record Answer(int status, String retryAfter, String body) {
    }

    private final HttpClient client;
    private final Settings settings;

    public OutboundHttp(Vertx vertx, Settings settings) {
        this.settings = settings;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) settings.connectTimeout().toMillis())
                .setIdleTimeout((int) Math.max(1, settings.timeout().toSeconds()))
                .setKeepAlive(true)
                .setVerifyHost(true),
                new PoolOptions().setHttp1MaxSize(Math.max(settings.poolSize(), 1)));
    }

    /**
     * Sends one request without holding the caller: the answer, or a failure ({@link TimeoutException} after the
     * timeout, else how connecting or exchanging failed). A request that times out is reset, so its connection is not
     * left waiting.
     *
     * @param address where to connect: one of the addresses of the URL's host
     */
    public CompletionStage<Answer> send(String method, URI url, InetAddress address, Map<String, String> headers,
            byte[] body) {
        boolean tls = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1) : url.getHost();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.valueOf(method)).setSsl(tls).setHost(host)
                .setPort(port).setURI(path).setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setFollowRedirects(false).setConnectTimeout(settings.connectTimeout().toMillis())
                .setIdleTimeout(settings.timeout().toMillis());
        headers.forEach(options::putHeader);
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        CompletableFuture<Answer> answer = client.request(options)
                .compose(request -> {
                    sent.set(request);
                    return request.send(Buffer.buffer(body));
                })
                .compose(this::read)
                .toCompletionStage().toCompletableFuture()
                .orTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        answer.whenComplete((done, error) -> {
            HttpClientRequest request = sent.get();
            if (error instanceof TimeoutException && request != null) {
                request.reset();
            }
        });
        return answer;
    }

    /**
     * Reads the body as it comes, keeping only its first {@code bodyLimit} bytes. An answer without a body (a
     * {@code 204}, a bare {@code 404}) can have ended before its handlers are set: its status is the answer then. Taken
     * for a failure, a receiver's {@code 204} would be sent again and a gone webhook retried instead of disabled.
     */
    private Future<Answer> read(HttpClientResponse response) {
        Promise<Answer> promise = Promise.promise();
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        try {
            response.handler(chunk -> {
                int room = settings.bodyLimit() - kept.size();
                if (room > 0) {
                    byte[] bytes = chunk.getBytes();
                    kept.write(bytes, 0, Math.min(room, bytes.length));
                }
            });
            response.exceptionHandler(promise::tryFail);
            response.endHandler(done -> promise.tryComplete(new Answer(response.statusCode(),
                    response.getHeader("Retry-After"), kept.toString(StandardCharsets.UTF_8))));
        } catch (IllegalStateException ended) {
            promise.tryComplete(new Answer(response.statusCode(), response.getHeader("Retry-After"),
                    kept.toString(StandardCharsets.UTF_8)));
        }
        return promise.future();
    }

    @Override
    public void close() {
        client.close();
    }
}
