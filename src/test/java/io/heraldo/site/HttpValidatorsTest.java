package io.heraldo.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class HttpValidatorsTest {

    private static final ZoneId ZONE = ZoneId.of("America/Santiago");
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
    private static final Instant CHANGED = Instant.parse("2026-03-10T15:04:05.678Z");

    private static HttpValidators of(long revision, LocalDate today, String path, String query, String lang) {
        return HttpValidators.of(revision, CHANGED, today, ZONE, path, query, lang, CHANGED.plusSeconds(2 * 86_400));
    }

    @Test
    void theTagChangesWithRevisionDayPathQueryAndLanguage() {
        HttpValidators base = of(7, TODAY, "/", null, "es");
        assertThat(of(7, TODAY, "/", null, "es").etag()).isEqualTo(base.etag());
        assertThat(base.etag()).as("weak: plain and gzip copies are one content").startsWith("W/\"7-").endsWith("\"");
        assertThat(of(8, TODAY, "/", null, "es").etag()).isNotEqualTo(base.etag());
        assertThat(of(7, TODAY.plusDays(1), "/", null, "es").etag()).isNotEqualTo(base.etag());
        assertThat(of(7, TODAY, "/history", null, "es").etag()).isNotEqualTo(base.etag());
        assertThat(of(7, TODAY, "/", "lang=en", "es").etag()).isNotEqualTo(base.etag());
        assertThat(of(7, TODAY, "/", null, "en").etag()).isNotEqualTo(base.etag());
    }

    @Test
    void ifNoneMatchDecides() {
        HttpValidators v = of(7, TODAY, "/", null, "es");
        assertThat(v.notModified(v.etag(), null)).isTrue();
        assertThat(v.notModified(v.etag().substring(2), null)).as("the strong form of the tag").isTrue();
        assertThat(v.notModified("\"other\", " + v.etag(), null)).isTrue();
        assertThat(v.notModified("*", null)).isTrue();
        assertThat(v.notModified("\"other\"", null)).isFalse();
        // If-None-Match wins over a matching If-Modified-Since
        assertThat(v.notModified("\"other\"", v.lastModifiedHeader())).isFalse();
        assertThat(v.notModified(null, null)).isFalse();
    }

    @Test
    void lastModifiedIsTheLaterOfTheChangeAndTheStartOfTheDay() {
        assertThat(of(7, TODAY, "/", null, "es").lastModified()).isEqualTo(Instant.parse("2026-03-10T15:04:05Z"));
        HttpValidators nextDay = of(7, TODAY.plusDays(1), "/", null, "es");
        assertThat(nextDay.lastModified()).isEqualTo(TODAY.plusDays(1).atStartOfDay(ZONE).toInstant());
        assertThat(of(7, TODAY, "/", null, "es").lastModifiedHeader()).isEqualTo("Tue, 10 Mar 2026 15:04:05 GMT");
    }

    @Test
    void aChangeOfTheLastSecondsHasNoDateToValidateWith() {
        // read 1.3 s after the change: another change in the same second could still follow, unseen by this copy
        HttpValidators fresh = HttpValidators.of(7, CHANGED, TODAY, ZONE, "/", null, "es", CHANGED.plusMillis(1300));
        assertThat(fresh.lastModifiedHeader()).isNull();
        assertThat(fresh.notModified(null, "Tue, 10 Mar 2026 16:00:00 GMT")).isFalse();
        assertThat(fresh.notModified(fresh.etag(), null)).isTrue();
        HttpValidators settled = HttpValidators.of(7, CHANGED, TODAY, ZONE, "/", null, "es", CHANGED.plusMillis(1400));
        assertThat(settled.lastModifiedHeader()).isEqualTo("Tue, 10 Mar 2026 15:04:05 GMT");
    }

    @Test
    void ifModifiedSinceAlone() {
        HttpValidators v = of(7, TODAY, "/", null, "es");
        assertThat(v.notModified(null, "Tue, 10 Mar 2026 15:04:05 GMT")).isTrue();
        assertThat(v.notModified(null, "Tue, 10 Mar 2026 16:00:00 GMT")).isTrue();
        assertThat(v.notModified(null, "Tue, 10 Mar 2026 15:04:04 GMT")).isFalse();
        assertThat(v.notModified(null, "yesterday")).isFalse();
    }

    @Test
    void coversThePublicDocumentsOnly() {
        for (String path : new String[] { "/", "/en", "/es/history/2", "/incidents/inc-1", "/history", "/history/3",
                "/history.atom", "/history.rss", "/maintenance.ics", "/api/v2/summary.json" }) {
            assertThat(HttpValidators.covers("GET", path)).as(path).isTrue();
        }
        for (String path : new String[] { "/subscriptions/confirm", "/api/v1/subscriptions", "/admin/events", "/q/health",
                "/subscribe", "/english" }) {
            assertThat(HttpValidators.covers("GET", path)).as(path).isFalse();
        }
        assertThat(HttpValidators.covers("POST", "/")).isFalse();
        assertThat(HttpValidators.covers("HEAD", "/")).isTrue();
    }
}
