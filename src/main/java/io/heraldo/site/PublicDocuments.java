package io.heraldo.site;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The public documents made so far, by {@link DocumentKey}: each made once (concurrent requests for a document
 * being made wait for it rather than make it again) and kept, bounded by bytes. A document of a revision that is no
 * longer current is never asked for again and leaves the cache, by age or by the bound.
 */
@ApplicationScoped
public class PublicDocuments {

    /** About forty 100-component pages in both codings, in both languages, and every incident page people open. */
    static final long MAX_BYTES = 32L * 1024 * 1024;
    static final Duration IDLE = Duration.ofMinutes(10);

    private final AsyncCache<DocumentKey, PublicDocument> cache = Caffeine.newBuilder().maximumWeight(MAX_BYTES)
            .<DocumentKey, PublicDocument>weigher((key, document) -> document.weight()).expireAfterAccess(IDLE)
            .buildAsync();

    /** The document if it is made; never waits (for event-loop code). */
    public PublicDocument ready(DocumentKey key) {
        CompletableFuture<PublicDocument> document = cache.getIfPresent(key);
        return document != null && document.isDone() && !document.isCompletedExceptionally() ? document.join() : null;
    }

    /**
     * The document of the key, made here by {@code make} unless it is made or being made (then this waits for it).
     * {@code make} returns null for a document that is not to be kept (a 404): nothing is kept, null is returned.
     */
    public PublicDocument get(DocumentKey key, Supplier<PublicDocument> make) {
        CompletableFuture<PublicDocument> mine = new CompletableFuture<>();
        CompletableFuture<PublicDocument> made = cache.asMap().putIfAbsent(key, mine);
        if (made != null) {
            try {
                return made.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                throw e;
            }
        }
        try {
            PublicDocument document = make.get();
            mine.complete(document); // null or failed: the cache drops the entry by itself
            return document;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        }
    }
}
