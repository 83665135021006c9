package io.heraldo.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));

    @Test
    void allowsThePermitsOfAPeriodThenSaysHowLongToWait() {
        RateLimiter limiter = new RateLimiter(Rate.of("3/1h"), clock);
        assertThat(limiter.acquire("ana@zbox.cl")).isEmpty();
        clock.advance(Duration.ofMinutes(10));
        assertThat(limiter.acquire("ana@zbox.cl")).isEmpty();
        assertThat(limiter.acquire("ana@zbox.cl")).isEmpty();

        assertThat(limiter.acquire("ana@zbox.cl")).contains(Duration.ofMinutes(50));
        assertThat(limiter.acquire("beto@zbox.cl")).as("other keys have their own window").isEmpty();

        clock.advance(Duration.ofMinutes(50));
        assertThat(limiter.acquire("ana@zbox.cl")).as("the first request left the window").isEmpty();
        assertThat(limiter.acquire("ana@zbox.cl")).contains(Duration.ofMinutes(10));
    }

    @Test
    void refusedRequestsDoNotCount() {
        RateLimiter limiter = new RateLimiter(Rate.of("1/10s"), clock);
        assertThat(limiter.acquire("10.0.0.1")).isEmpty();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            assertThat(limiter.acquire("10.0.0.1")).isPresent();
        }
        clock.advance(Duration.ofSeconds(5));
        assertThat(limiter.acquire("10.0.0.1")).isEmpty();
    }

    @Test
    void keysThatWentQuietAreForgotten() {
        RateLimiter limiter = new RateLimiter(Rate.of("10/10m"), clock);
        limiter.acquire("10.0.0.1");
        limiter.acquire("10.0.0.2");
        clock.advance(Duration.ofMinutes(5));
        limiter.acquire("10.0.0.3");
        clock.advance(Duration.ofMinutes(6));
        limiter.sweep();
        assertThat(limiter.size()).isEqualTo(1);
    }

    @Test
    void ratesAreWrittenAsRequestsPerPeriod() {
        assertThat(Rate.of("10/10m")).isEqualTo(new Rate(10, Duration.ofMinutes(10)));
        assertThat(Rate.of(" 3 / 1h ")).isEqualTo(new Rate(3, Duration.ofHours(1)));
        assertThat(Rate.of("5/PT30S")).isEqualTo(new Rate(5, Duration.ofSeconds(30)));
        assertThat(Rate.of("100/1d").per()).isEqualTo(Duration.ofDays(1));
        assertThatThrownBy(() -> Rate.of("10 per minute")).hasMessageContaining("write <requests>/<period>");
        assertThatThrownBy(() -> Rate.of("0/1m")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Rate.of("1/soon")).hasMessageContaining("is not a period");
    }
}
