package io.heraldo.channel;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Targets a channel sends to (webhook endpoints, chat destinations) as they were at most {@link #FRESH} ago: every
 * send looks its target up, and ten events to a thousand targets should not be ten thousand queries. The owner
 * forgets a target it changes, so changes made on this replica are seen at once; another replica's within
 * {@link #FRESH}.
 *
 * @param <T> the target
 */
public final class RecentTargets<T> {

    public static final Duration FRESH = Duration.ofSeconds(2);

    private final Cache<String, Optional<T>> recent = Caffeine.newBuilder().maximumSize(10_000)
            .expireAfterWrite(FRESH).build();
    private final Function<String, Optional<T>> one;
    private final Function<Collection<String>, Map<String, T>> many;

    /**
     * @param one reads one target by id
     * @param many reads the targets of these ids, by id (those missing are gone)
     */
    public RecentTargets(Function<String, Optional<T>> one, Function<Collection<String>, Map<String, T>> many) {
        this.one = one;
        this.many = many;
    }

    public Optional<T> get(String id) {
        return recent.get(id, one);
    }

    /** Reads these targets in one query (a page's, before its sends); ids not found are kept as gone. */
    public void load(Collection<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Map<String, T> found = many.apply(ids);
        ids.forEach(id -> recent.put(id, Optional.ofNullable(found.get(id))));
    }

    public void forget(String id) {
        recent.invalidate(id);
    }
}
