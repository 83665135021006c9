package io.heraldo.site.export;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.heraldo.site.PageSnapshot;
import io.heraldo.site.SitePart;

/**
 * Keeps a complete static copy of the site in a directory. One writer thread does all the writing: a change only
 * marks the copy dirty ({@link #changed()} never blocks), and the thread rewrites the copy from the newest snapshot,
 * so a burst of thousands of changes costs a few rewrites and the last change is always written. A failed rewrite
 * is logged and tried again on the next change, or at the next check, never stopping the service. A file whose path
 * is not a safe one (an incident id {@code .tmp-x}) is left out, logged once, and the rest written.
 * <p>
 * Several replicas may share the directory: a rewrite holds a file lock on {@code .heraldo-export.lock}, and the
 * page revision of the copy in the directory ({@code .heraldo-revision}) is never replaced by an older one, so a slow
 * replica cannot put back what a faster one already replaced (see {@link CopyMark}). Every file is replaced atomically
 * ({@link ExportDirectory}).
 */
public final class SiteExport implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SiteExport.class);
    static final String LOCK_FILE = ".heraldo-export.lock";
    static final String REVISION_FILE = ".heraldo-revision";
    /** File locks belong to the whole process: copies in one process also take turns on this. */
    private static final ConcurrentMap<Path, Object> IN_PROCESS = new ConcurrentHashMap<>();
    private static final Object DIRTY = new Object();
    private static final int MAX_REPORTED_SKIPS = 10_000;

    private final Path directory;
    private final Supplier<PageSnapshot> snapshots;
    private final Iterable<SitePart> parts;
    private final Duration checkInterval;
    private final BlockingQueue<Object> dirty = new ArrayBlockingQueue<>(1);
    private final Thread writer;
    private final AtomicLong rewrites = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    /** Paths already logged as skipped; bounded, since ids come from events. */
    private final Set<String> reportedSkips = ConcurrentHashMap.newKeySet();
    private volatile long revisionWritten = -1;
    private volatile boolean running = true;
    /** Only the writer thread touches it. */
    private String lastFailure;

    /**
     * @param directory where the copy lives (created if missing)
     * @param snapshots the current snapshot
     * @param parts every part of the site, asked for its files on each rewrite
     * @param checkInterval how often the copy is compared with the page revision when no change was signalled:
     *        changes applied by another replica, or a rewrite that failed
     */
    public SiteExport(Path directory, Supplier<PageSnapshot> snapshots, Iterable<SitePart> parts,
            Duration checkInterval) {
        this.directory = directory.toAbsolutePath().normalize();
        this.snapshots = snapshots;
        this.parts = parts;
        this.checkInterval = checkInterval;
        this.writer = new Thread(this::run, "heraldo-site-export");
        this.writer.setDaemon(true);
        this.writer.start();
        changed(); // the first copy, at start
    }

    /** The site changed: the copy will be rewritten soon. Cheap and never blocks; calls while pending coalesce. */
    public void changed() {
        dirty.offer(DIRTY);
    }

    public Path directory() {
        return directory;
    }

    /** How many rewrites completed, and how many failed. */
    public long rewrites() {
        return rewrites.get();
    }

    public long failures() {
        return failures.get();
    }

    /** The page revision of the last complete copy this writer made or found, {@code -1} before the first. */
    public long revisionWritten() {
        return revisionWritten;
    }

    @Override
    public void close() {
        running = false;
        writer.interrupt();
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            try {
                Object signal = dirty.poll(checkInterval.toMillis(), TimeUnit.MILLISECONDS);
                if (!running) {
                    return;
                }
                if (signal != null || snapshots.get().revision() != revisionWritten) {
                    rewrite();
                }
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } catch (RuntimeException | IOException | Error e) {
                if (!running) {
                    return; // interrupted by close()
                }
                failures.incrementAndGet();
                // The whole trace once; while the same failure repeats at every check, one line each time.
                if (!String.valueOf(e.getMessage()).equals(lastFailure)) {
                    LOG.errorf(e, "The static copy of the site in %s could not be written (%s); it is tried again on"
                            + " the next change", directory, e.getMessage());
                } else {
                    LOG.errorf("The static copy of the site in %s still cannot be written: %s", directory,
                            e.getMessage());
                }
                lastFailure = String.valueOf(e.getMessage());
            }
        }
    }

    /** One complete rewrite, under the directory's lock. */
    private void rewrite() throws IOException {
        Files.createDirectories(directory);
        synchronized (IN_PROCESS.computeIfAbsent(directory, d -> new Object())) {
            try (FileChannel channel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                CopyMark inDirectory = CopyMark.read(directory.resolve(REVISION_FILE));
                // Read under the lock: whatever another replica wrote before is at most this new.
                PageSnapshot snapshot = snapshots.get();
                if (inDirectory.isNewerThan(snapshot)) {
                    revisionWritten = snapshot.revision();
                    return; // a newer copy is already there
                }
                ExportDirectory files = new ExportDirectory(directory);
                List<String> failed = new ArrayList<>();
                IOException firstFailure = null;
                for (SitePart part : parts) {
                    try {
                        part.write(snapshot, files);
                    } catch (IOException | RuntimeException e) {
                        // The other parts still get written: a broken page must not freeze the API copy.
                        failed.add(String.valueOf(part));
                        if (firstFailure == null) {
                            firstFailure = new IOException(e.getMessage(), e);
                        }
                    }
                }
                report(files.skipped());
                // Marked even when a part failed: what the others wrote is this new, and must not be put back.
                files.putBookkeeping(REVISION_FILE, new CopyMark(snapshot.revision(), Instant.now()).bytes());
                if (firstFailure != null) {
                    throw new IOException("parts " + failed + " failed: " + firstFailure.getMessage(), firstFailure);
                }
                revisionWritten = snapshot.revision();
                rewrites.incrementAndGet();
                if (lastFailure != null) {
                    LOG.infof("The static copy of the site in %s is written again", directory);
                    lastFailure = null;
                }
                LOG.debugf("static copy at revision %d: %d files replaced, %d unchanged", snapshot.revision(),
                        files.written(), files.unchanged());
            }
        }
    }

    /**
     * Logs the paths a rewrite skipped, each once for the life of this writer: the same incident is skipped at every
     * rewrite, and one line about it is enough.
     */
    private void report(List<String> skipped) {
        List<String> fresh = new ArrayList<>();
        for (String path : skipped) {
            if (reportedSkips.size() < MAX_REPORTED_SKIPS && reportedSkips.add(path)) {
                fresh.add(path);
            }
        }
        if (!fresh.isEmpty()) {
            LOG.warnf("The static copy of the site in %s leaves out %d file(s) whose path is not a safe one (each"
                    + " segment 1 to 255 of A-Z a-z 0-9 . _ : -, not starting with a dot; an event's id makes it so),"
                    + " and writes the rest: %s", directory, fresh.size(), fresh);
        }
    }

    /** The paths skipped and logged so far. */
    public Set<String> skipped() {
        return Set.copyOf(reportedSkips);
    }

    /**
     * What {@code .heraldo-revision} says: the page revision of the copy and when it was written.
     */
    record CopyMark(long revision, Instant writtenAt) {

        static final CopyMark NONE = new CopyMark(-1, Instant.EPOCH);

        /**
         * Whether the copy is newer than the snapshot. A snapshot of a lower revision is older when it was taken
         * before the copy was written, as it always is when replicas race; one made after the copy comes from a
         * database started afresh (its revision counts from 0 again), and that copy must be replaced, not kept.
         */
        boolean isNewerThan(PageSnapshot snapshot) {
            return snapshot.revision() < revision
                    && (snapshot.updatedAt() == null || snapshot.updatedAt().toInstant().isBefore(writtenAt));
        }

        byte[] bytes() {
            return (revision + " " + writtenAt + "\n").getBytes(StandardCharsets.US_ASCII);
        }

        static CopyMark read(Path file) {
            try {
                String[] words = Files.readString(file, StandardCharsets.US_ASCII).trim().split(" ");
                return new CopyMark(Long.parseLong(words[0]), Instant.parse(words[1]));
            } catch (IOException | RuntimeException missingOrBroken) {
                return NONE;
            }
        }
    }
}
