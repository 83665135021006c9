package io.heraldo.site;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The page revision as last read, and how long it may be trusted without reading it again. A revision read less
 * than {@code maxAge} ago is trusted, unless a change was announced here since its read began ({@link #changed}):
 * a change applied by this replica shows on the next request, one applied elsewhere (another replica, a hand-made
 * write to the tables) within {@code maxAge}. Past half of {@code maxAge} a read starts in the background, so under
 * steady load requests go on trusting a fresh revision and never wait for the database.
 */
final class RevisionWatch {

    /** One read: its revision, when it began (ticker time) and the announced changes it may have missed. */
    private record Read(Revision revision, long startedAt, long epoch) {
    }

    private final Supplier<Revision> reader;
    private final LongSupplier ticker;
    private final long maxAgeNanos;
    private final Executor background;
    private final AtomicLong epoch = new AtomicLong();
    private final AtomicReference<Read> last = new AtomicReference<>();
    private final AtomicBoolean rereading = new AtomicBoolean();

    /**
     * @param reader reads the revision from the database (blocking)
     * @param ticker nanoseconds, as {@link System#nanoTime}
     * @param maxAgeNanos how long a read is trusted; 0 trusts none (every request reads)
     * @param background where background reads run
     */
    RevisionWatch(Supplier<Revision> reader, LongSupplier ticker, long maxAgeNanos, Executor background) {
        this.reader = reader;
        this.ticker = ticker;
        this.maxAgeNanos = maxAgeNanos;
        this.background = background;
    }

    /** The trusted revision, or null when the caller must {@link #read} it. Never blocks. */
    Revision trusted() {
        Read read = last.get();
        if (read == null || read.epoch() != epoch.get()) {
            return null;
        }
        long age = ticker.getAsLong() - read.startedAt();
        if (age >= maxAgeNanos / 2 && maxAgeNanos > 0) {
            rereadInBackground();
        }
        return age < maxAgeNanos ? read.revision() : null;
    }

    /** The trusted revision, else one read now. Blocks on the database when it reads. */
    Revision current() {
        Revision trusted = trusted();
        return trusted != null ? trusted : read();
    }

    /** Reads the revision now; the read is trusted from its start, and only if no read began later. */
    Revision read() {
        long epochAtStart = epoch.get();
        long startedAt = ticker.getAsLong();
        Revision revision = reader.get();
        Read read = new Read(revision, startedAt, epochAtStart);
        last.accumulateAndGet(read, (kept, fresh) -> kept == null || fresh.startedAt() - kept.startedAt() >= 0 ? fresh
                : kept);
        return revision;
    }

    /** A change was committed here: no revision read before it is trusted any more. */
    void changed() {
        epoch.incrementAndGet();
    }

    private void rereadInBackground() {
        if (!rereading.compareAndSet(false, true)) {
            return;
        }
        try {
            background.execute(() -> {
                try {
                    read();
                } catch (RuntimeException e) {
                    // Nothing is trusted past maxAge: the next request then reads itself and answers the failure.
                } finally {
                    rereading.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            rereading.set(false);
        }
    }
}
