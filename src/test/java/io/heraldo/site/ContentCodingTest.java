package io.heraldo.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentCodingTest {

    @Test
    void gzipWhenNamedOrLeftToAStarWithAWeight() {
        assertThat(ContentCoding.acceptsGzip("gzip")).isTrue();
        assertThat(ContentCoding.acceptsGzip("gzip, deflate, br")).isTrue();
        assertThat(ContentCoding.acceptsGzip("br;q=1.0, GZIP;q=0.5")).isTrue();
        assertThat(ContentCoding.acceptsGzip("x-gzip")).isTrue();
        assertThat(ContentCoding.acceptsGzip("*")).isTrue();
        assertThat(ContentCoding.acceptsGzip("deflate, *;q=0.1")).isTrue();
    }

    @Test
    void plainWhenAbsentRefusedOrOnlyOtherCodings() {
        assertThat(ContentCoding.acceptsGzip(null)).isFalse();
        assertThat(ContentCoding.acceptsGzip("")).isFalse();
        assertThat(ContentCoding.acceptsGzip("identity")).isFalse();
        assertThat(ContentCoding.acceptsGzip("br, deflate")).isFalse();
        assertThat(ContentCoding.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(ContentCoding.acceptsGzip("gzip;q=0, *")).as("named wins over the star").isFalse();
        assertThat(ContentCoding.acceptsGzip("*;q=0")).isFalse();
        assertThat(ContentCoding.acceptsGzip("gzip;q=nonsense")).isFalse();
    }
}
