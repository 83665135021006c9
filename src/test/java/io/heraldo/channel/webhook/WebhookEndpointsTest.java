package io.heraldo.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The endpoint table's rules that live in SQL: filters, and disabling after failing for too long. */
@QuarkusTest
class WebhookEndpointsTest {

    @Inject
    WebhookEndpoints endpoints;

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
