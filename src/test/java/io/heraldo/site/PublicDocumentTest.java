package io.heraldo.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

class PublicDocumentTest {

    private static final ZoneId ZONE = ZoneId.of("America/Santiago");
    private static final OffsetDateTime CHANGED = OffsetDateTime.parse("2026-03-10T15:04:05.678Z");
    private static final DocumentKey KEY = DocumentKey.of(7, LocalDate.of(2026, 3, 10), "/", null, null, null, "es");
    private static final byte[] BODY = "<p>todo bien</p>".repeat(200).getBytes(StandardCharsets.UTF_8);
    private static final Instant LATER = CHANGED.toInstant().plusSeconds(60);

    private final PublicDocument document = PublicDocument.of(KEY, CHANGED, ZONE, BODY, "Content-Type",
            "text/html;charset=UTF-8", "Content-Language", "es");

    private static Map<String, String> headers(PublicDocument.Answer answer) {
        Map<String, String> headers = new HashMap<>();
        List<String> list = answer.headers();
        for (int i = 0; i < list.size(); i += 2) {
            assertThat(headers.put(list.get(i), list.get(i + 1))).as("one %s", list.get(i)).isNull();
        }
        return headers;
    }

    @Test
    void bothCopiesAreOneContentUnderOneWeakTag() throws IOException {
        PublicDocument.Answer plain = document.answer(false, null, null, LATER);
        PublicDocument.Answer zipped = document.answer(true, null, null, LATER);
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.bytes()).isEqualTo(BODY);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.bytes()))) {
            assertThat(in.readAllBytes()).isEqualTo(BODY);
        }
        assertThat(zipped.bytes().length).isLessThan(BODY.length / 10);
        assertThat(headers(zipped)).containsEntry("Content-Encoding", "gzip").containsEntry("ETag", KEY.etag())
                .containsEntry("Vary", "Accept-Language, Accept-Encoding").containsEntry("Cache-Control", "no-cache")
                .containsEntry("Content-Type", "text/html;charset=UTF-8").containsEntry("Content-Language", "es")
                .containsEntry("Last-Modified", "Tue, 10 Mar 2026 15:04:05 GMT");
        Map<String, String> plainHeaders = headers(plain);
        assertThat(plainHeaders).doesNotContainKey("Content-Encoding");
        plainHeaders.put("Content-Encoding", "gzip");
        assertThat(plainHeaders).isEqualTo(headers(zipped));
    }

    @Test
    void aCurrentCopyGetsA304WithItsValidatorsOnly() {
        PublicDocument.Answer answer = document.answer(true, KEY.etag(), null, LATER);
        assertThat(answer.status()).isEqualTo(304);
        assertThat(answer.body()).isNull();
        assertThat(headers(answer)).containsOnlyKeys("ETag", "Last-Modified", "Cache-Control", "Vary");
        assertThat(document.answer(false, null, "Tue, 10 Mar 2026 15:04:05 GMT", LATER).status()).isEqualTo(304);
        assertThat(document.answer(false, "\"other\"", "Tue, 10 Mar 2026 15:04:05 GMT", LATER).status())
                .isEqualTo(200);
    }

    @Test
    void aRevisionReadTooSoonAfterItsChangeHasNoDate() {
        Instant soon = CHANGED.toInstant().plusMillis(500);
        assertThat(headers(document.answer(true, null, null, soon))).doesNotContainKey("Last-Modified");
        assertThat(document.answer(false, null, "Tue, 10 Mar 2026 16:00:00 GMT", soon).status()).isEqualTo(200);
    }
}
