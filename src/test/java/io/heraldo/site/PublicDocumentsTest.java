package io.heraldo.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class PublicDocumentsTest {

    private static final DocumentKey KEY = DocumentKey.of(7, LocalDate.of(2026, 3, 10), "/", null, null, null, "es");

    private final PublicDocuments documents = new PublicDocuments();

    private static PublicDocument document(String text) {
        return PublicDocument.of(KEY, OffsetDateTime.parse("2026-03-10T12:00:00Z"), ZoneId.of("UTC"),
                text.getBytes(StandardCharsets.UTF_8), "Content-Type", "text/plain");
    }

    @Test
    void requestsForADocumentBeingMadeWaitForItInsteadOfMakingItAgain() throws Exception {
        AtomicInteger makes = new AtomicInteger();
        CountDownLatch making = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<PublicDocument>> answers = new ArrayList<>();
            answers.add(pool.submit(() -> documents.get(KEY, () -> {
                makes.incrementAndGet();
                making.countDown();
                await(release);
                return document("made once");
            })));
            assertThat(making.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(documents.ready(KEY)).as("not done yet: the route passes").isNull();
            for (int i = 0; i < 7; i++) {
                answers.add(pool.submit(() -> documents.get(KEY, () -> {
                    makes.incrementAndGet();
                    return document("made again");
                })));
            }
            release.countDown();
            for (Future<PublicDocument> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS).answer(false, null, null, java.time.Instant.now()).bytes())
                        .asString(StandardCharsets.UTF_8).isEqualTo("made once");
            }
            assertThat(makes).hasValue(1);
            assertThat(documents.ready(KEY)).isNotNull();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void noDocumentAndAFailureAreNotKept() {
        assertThat(documents.get(KEY, () -> null)).isNull();
        assertThat(documents.ready(KEY)).isNull();
        assertThatThrownBy(() -> documents.get(KEY, () -> {
            throw new IllegalStateException("database down");
        })).hasMessage("database down");
        assertThat(documents.ready(KEY)).isNull();
        assertThat(documents.get(KEY, () -> document("back"))).isNotNull();
        assertThat(documents.ready(KEY)).isNotNull();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
