package io.heraldo.site;

import java.time.LocalDate;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Rendered pages kept for one page revision and day, the same key the HTTP validators use: what a page shows
 * depends on nothing else, so it is rendered once per change instead of once per request. A new revision or day
 * starts an empty generation; a page is never served from another revision than the one it was asked for.
 */
final class RenderedPages {

    /** Beyond this many pages in one generation (history pages, incidents), pages are rendered but not kept. */
    static final int MAX_PAGES = 500;

    private record Generation(long revision, LocalDate day, ConcurrentHashMap<String, String> pages) {
    }

    private final AtomicReference<Generation> current = new AtomicReference<>();

    String get(long revision, LocalDate day, String key, Supplier<String> render) {
        Generation generation = current.get();
        if (generation == null || generation.revision() != revision || !generation.day().equals(day)) {
            generation = new Generation(revision, day, new ConcurrentHashMap<>());
            // A request still on an older revision may replace a newer generation: that costs a render, never a
            // wrong page, since a generation only ever holds pages of its own revision.
            current.set(generation);
        }
        String page = generation.pages().get(key);
        if (page != null) {
            return page;
        }
        page = render.get();
        if (generation.pages().size() < MAX_PAGES) {
            generation.pages().putIfAbsent(key, page);
        }
        return page;
    }
}
