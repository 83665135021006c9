package io.heraldo.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class RenderedPagesTest {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);

    @Test
    void aPageIsRenderedOncePerRevisionDayAndKey() {
        RenderedPages pages = new RenderedPages();
        AtomicInteger renders = new AtomicInteger();
        assertThat(pages.get(1, DAY, "home|es", () -> "r1-" + renders.incrementAndGet())).isEqualTo("r1-1");
        assertThat(pages.get(1, DAY, "home|es", () -> "r1-" + renders.incrementAndGet())).isEqualTo("r1-1");
        assertThat(pages.get(1, DAY, "home|en", () -> "en-" + renders.incrementAndGet())).isEqualTo("en-2");
        // a change, then a new day: rendered again
        assertThat(pages.get(2, DAY, "home|es", () -> "r2-" + renders.incrementAndGet())).isEqualTo("r2-3");
        assertThat(pages.get(2, DAY.plusDays(1), "home|es", () -> "d2-" + renders.incrementAndGet())).isEqualTo("d2-4");
    }

    @Test
    void aRequestOnAnOlderRevisionNeverGetsANewerPage() {
        RenderedPages pages = new RenderedPages();
        pages.get(5, DAY, "home", () -> "five");
        assertThat(pages.get(4, DAY, "home", () -> "four")).isEqualTo("four");
        assertThat(pages.get(5, DAY, "home", () -> "five again")).isEqualTo("five again");
    }

    @Test
    void beyondTheLimitPagesAreRenderedButNotKept() {
        RenderedPages pages = new RenderedPages();
        for (int i = 0; i < RenderedPages.MAX_PAGES; i++) {
            int n = i;
            pages.get(1, DAY, "history|" + n, () -> "page " + n);
        }
        AtomicInteger renders = new AtomicInteger();
        pages.get(1, DAY, "history|extra", () -> "x" + renders.incrementAndGet());
        assertThat(pages.get(1, DAY, "history|extra", () -> "x" + renders.incrementAndGet())).isEqualTo("x2");
        assertThat(pages.get(1, DAY, "history|7", () -> "re-rendered")).isEqualTo("page 7");
    }
}
