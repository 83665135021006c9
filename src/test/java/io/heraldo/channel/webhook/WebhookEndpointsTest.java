package io.heraldo.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The endpoint table's rules that live in SQL: filters, and disabling after failing for too long. */
@QuarkusTest
class WebhookEndpointsTest {

    @Inject
    WebhookEndpoints endpoints;

    @Inject
    Jdbi jdbi;

    /** A page's endpoints are read in one query before its sends, which then find them in the cache. */
    @Test
    void loadingAPageOfEndpointsFillsTheCacheTheSendsRead() {
        String component = "load-" + System.nanoTime();
        WebhookEndpoint a = endpoints.create("http://127.0.0.1:9/a", WebhookSecret.generate(), List.of(),
                List.of(component));
        WebhookEndpoint b = endpoints.create("http://127.0.0.1:9/b", WebhookSecret.generate(), List.of(),
                List.of(component));
        try {
            endpoints.load(List.of(a.id(), b.id(), "ep_gone"));
            // Changed behind the cache's back: what the sends get now is what the load read.
            jdbi.useHandle(handle -> handle.execute("update webhook_endpoint set url = 'http://127.0.0.1:9/moved' "
                    + "where id in (?, ?)", a.id(), b.id()));
            assertThat(endpoints.cached(a.id())).map(WebhookEndpoint::url).contains("http://127.0.0.1:9/a");
            assertThat(endpoints.cached(b.id())).map(WebhookEndpoint::url).contains("http://127.0.0.1:9/b");
            assertThat(endpoints.cached("ep_gone")).isEmpty();
            assertThat(endpoints.find(a.id())).map(WebhookEndpoint::url).contains("http://127.0.0.1:9/moved");
        } finally {
            endpoints.delete(a.id());
            endpoints.delete(b.id());
        }
    }

    @Test
    void anEndpointFailingLongerThanDisableAfterIsDisabledAndASuccessResetsTheClock() {
        WebhookEndpoint endpoint = endpoints.create("http://127.0.0.1:9/x", WebhookSecret.generate(), List.of(),
                List.of("never-" + System.nanoTime()));
        try {
            assertThat(endpoints.failed(endpoint.id(), Duration.ofHours(1))).isFalse();
            assertThat(endpoints.find(endpoint.id()).orElseThrow().failingSince()).isNotNull();
            endpoints.succeeded(endpoint.id());
            assertThat(endpoints.find(endpoint.id()).orElseThrow().failingSince()).isNull();

            assertThat(endpoints.failed(endpoint.id(), Duration.ofHours(1))).isFalse();
            assertThat(endpoints.find(endpoint.id()).orElseThrow().enabled()).isTrue();
            // Failing since the previous call, and disable-after zero: this failure ends it.
            assertThat(endpoints.failed(endpoint.id(), Duration.ZERO)).isTrue();
            WebhookEndpoint disabled = endpoints.find(endpoint.id()).orElseThrow();
            assertThat(disabled.enabled()).isFalse();
            assertThat(disabled.disabledReason()).startsWith("failing since ");
        } finally {
            endpoints.delete(endpoint.id());
        }
    }

    @Test
    void filtersByTypeAndComponentPageInIdOrder() {
        String component = "filter-" + System.nanoTime();
        WebhookEndpoint all = endpoints.create("http://127.0.0.1:9/a", WebhookSecret.generate(), List.of(),
                List.of(component));
        WebhookEndpoint opened = endpoints.create("http://127.0.0.1:9/b", WebhookSecret.generate(),
                List.of("incident.opened"), List.of(component));
        WebhookEndpoint elsewhere = endpoints.create("http://127.0.0.1:9/c", WebhookSecret.generate(), List.of(),
                List.of(component + "-other"));
        try {
            List<String> mine = List.of(all.id(), opened.id());
            assertThat(endpoints.matching("incident.opened", List.of(component), null, 10_000).stream()
                    .map(WebhookEndpoint::id).filter(id -> mine.contains(id) || id.equals(elsewhere.id())))
                    .containsExactlyElementsOf(mine.stream().sorted().toList());
            assertThat(endpoints.matching("incident.resolved", List.of(component), null, 10_000))
                    .extracting(WebhookEndpoint::id).contains(all.id()).doesNotContain(opened.id(), elsewhere.id());
            // A notice names no component: component-filtered endpoints hear it too.
            assertThat(endpoints.matching("notice.published", List.of(), null, 10_000)).extracting(WebhookEndpoint::id)
                    .contains(all.id(), elsewhere.id()).doesNotContain(opened.id());
            String first = mine.stream().sorted().findFirst().orElseThrow();
            assertThat(endpoints.matching("incident.opened", List.of(component), first, 10_000))
                    .extracting(WebhookEndpoint::id).doesNotContain(first);
        } finally {
            endpoints.delete(all.id());
            endpoints.delete(opened.id());
            endpoints.delete(elsewhere.id());
        }
    }
}
