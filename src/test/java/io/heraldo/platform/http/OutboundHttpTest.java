package io.heraldo.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.vertx.core.Vertx;

/**
 * The outbound client against a real HTTP server: answers without a body (a receiver's {@code 204}, a gone webhook's
 * bare {@code 404}) end as soon as their headers arrive, and each must come back as its status, never as a failure
 * (which would send a delivered webhook again, or retry a gone one instead of disabling it).
 */
class OutboundHttpTest {

    private static final int REQUESTS = 400;

    private HttpServer server;
    private Vertx vertx;
    private OutboundHttp http;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/empty", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                int status = exchange.getRequestURI().getQuery().contains("gone") ? 404 : 204;
                exchange.sendResponseHeaders(status, -1);
            }
        });
        server.createContext("/text", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                byte[] body = "x".repeat(5_000).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(503, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        vertx = Vertx.vertx();
        http = new OutboundHttp(vertx, new OutboundHttp.Settings(Duration.ofSeconds(5), Duration.ofSeconds(10), 16,
                1_024));
    }

    @AfterEach
    void stop() {
        http.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
        server.stop(0);
    }

    @Test
    void answersWithoutABodyComeBackAsTheirStatus() {
        List<CompletableFuture<OutboundHttp.Answer>> answers = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            answers.add(send("/empty?n=" + i + (i % 2 == 0 ? "&gone" : "")));
        }
        for (int i = 0; i < REQUESTS; i++) {
            OutboundHttp.Answer answer = answers.get(i).join();
            assertThat(answer.status()).as("request %d", i).isEqualTo(i % 2 == 0 ? 404 : 204);
            assertThat(answer.body()).isEmpty();
        }
    }

    @Test
    void oneAfterAnotherOnAKeptAliveConnectionToo() {
        for (int i = 0; i < REQUESTS; i++) {
            OutboundHttp.Answer answer = send("/empty?n=" + i + (i % 2 == 0 ? "&gone" : "")).join();
            assertThat(answer.status()).as("request %d", i).isEqualTo(i % 2 == 0 ? 404 : 204);
        }
    }

    @Test
    void aLongAnswerIsKeptUpToTheLimit() {
        OutboundHttp.Answer answer = send("/text").join();
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body()).hasSize(1_024);
    }

    private CompletableFuture<OutboundHttp.Answer> send(String path) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        return http.send("POST", url, InetAddress.getLoopbackAddress(), Map.of("Content-Type", "application/json"),
                "{}".getBytes(StandardCharsets.UTF_8)).toCompletableFuture();
    }
}
