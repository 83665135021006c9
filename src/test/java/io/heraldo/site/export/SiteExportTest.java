package io.heraldo.site.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.heraldo.site.PageSnapshot;
import io.heraldo.site.SitePart;
import io.heraldo.site.SitePaths;

class SiteExportTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration NO_CHECK = Duration.ofHours(1);
    private static final int SIZE = 256 * 1024;
    private static final OffsetDateTime CHANGES_BEGAN = OffsetDateTime.parse("2020-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private final List<SiteExport> exports = new java.util.ArrayList<>();

    @AfterEach
    void close() {
        exports.forEach(SiteExport::close);
    }

    @Test
    void everyPartIsWrittenAtStartWithNoTemporaryFileLeftAndReadableByAWebServer() throws Exception {
        AtomicLong revision = new AtomicLong(4);
        SiteExport export = export(revision::get, List.of(revisionPart("api/v2/summary.json"),
                revisionPart("incidents/inc-1/index.html")), NO_CHECK);

        await().atMost(WAIT).until(() -> export.revisionWritten() == 4);

        assertThat(Files.readString(dir.resolve("api/v2/summary.json"))).isEqualTo("4");
        assertThat(Files.readString(dir.resolve("incidents/inc-1/index.html"))).isEqualTo("4");
        assertThat(temporaryFiles()).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("api/v2/summary.json"))))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void aBurstOfChangesCostsAFewRewritesAndTheLastChangeIsWritten() throws Exception {
        AtomicLong revision = new AtomicLong(0);
        CountDownLatch burstSent = new CountDownLatch(1);
        AtomicInteger writes = new AtomicInteger();
        SitePart slowFirstWrite = (snapshot, files) -> {
            if (writes.incrementAndGet() == 1) {
                waitFor(burstSent); // the start-up rewrite is still running while the burst arrives
            }
            files.put("status.json", Long.toString(snapshot.revision()).getBytes(StandardCharsets.UTF_8));
        };
        SiteExport export = export(revision::get, List.of(slowFirstWrite), NO_CHECK);
        await().atMost(WAIT).until(() -> writes.get() == 1);

        for (int i = 0; i < 3_000; i++) {
            revision.incrementAndGet();
            export.changed();
        }
        burstSent.countDown();

        await().atMost(WAIT).until(() -> export.revisionWritten() == 3_000);
        assertThat(Files.readString(dir.resolve("status.json"))).isEqualTo("3000");
        assertThat(export.rewrites()).isBetween(1L, 3L);
        assertThat(writes.get()).isLessThanOrEqualTo(3);
    }

    @Test
    void aReaderNeverSeesAHalfWrittenFile() throws Exception {
        AtomicLong revision = new AtomicLong(1);
        SitePart big = (snapshot, files) -> files.put("big.json", document(snapshot.revision()));
        SiteExport export = export(revision::get, List.of(big), NO_CHECK);
        await().atMost(WAIT).until(() -> export.revisionWritten() == 1);

        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicReference<String> broken = new AtomicReference<>();
        AtomicInteger reads = new AtomicInteger();
        Thread reader = new Thread(() -> {
            while (reading.get()) {
                try {
                    String text = Files.readString(dir.resolve("big.json"));
                    reads.incrementAndGet();
                    if (!whole(text)) {
                        broken.set(text.length() + " chars: " + text.substring(0, Math.min(40, text.length())));
                    }
                } catch (IOException e) {
                    broken.set(e.toString()); // a missing file is as bad as a half-written one
                }
            }
        });
        reader.start();
        for (int i = 2; i <= 30; i++) {
            revision.set(i);
            export.changed();
            long expected = i;
            await().atMost(WAIT).until(() -> export.revisionWritten() == expected);
        }
        reading.set(false);
        reader.join();

        assertThat(broken.get()).isNull();
        assertThat(reads.get()).isPositive();
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void aFailedRewriteIsRetriedOnTheNextChangeAndTheOtherPartsStillWrite() throws Exception {
        AtomicLong revision = new AtomicLong(1);
        AtomicBoolean broken = new AtomicBoolean(true);
        SitePart failing = (snapshot, files) -> {
            if (broken.get()) {
                throw new IOException("disk full (test)");
            }
            files.put("history.atom", "ok".getBytes(StandardCharsets.UTF_8));
        };
        SiteExport export = export(revision::get, List.of(failing, revisionPart("api/v2/status.json")), NO_CHECK);

        await().atMost(WAIT).until(() -> export.failures() >= 1);
        assertThat(Files.readString(dir.resolve("api/v2/status.json"))).isEqualTo("1");
        assertThat(export.revisionWritten()).isEqualTo(-1);
        assertThat(dir.resolve("history.atom")).doesNotExist();

        broken.set(false);
        revision.set(2);
        export.changed();

        await().atMost(WAIT).until(() -> export.revisionWritten() == 2);
        assertThat(Files.readString(dir.resolve("history.atom"))).isEqualTo("ok");
        assertThat(Files.readString(dir.resolve("api/v2/status.json"))).isEqualTo("2");
    }

    @Test
    void aFailingSnapshotNeverStopsTheWriter() throws Exception {
        AtomicLong revision = new AtomicLong(1);
        AtomicBoolean databaseDown = new AtomicBoolean(true);
        SiteExport export = export(() -> {
            if (databaseDown.get()) {
                throw new IllegalStateException("cannot read the status: connection refused (test)");
            }
            return snapshot(revision.get());
        }, List.of(revisionPart("status.json")), Duration.ofMillis(100));

        await().atMost(WAIT).until(() -> export.failures() >= 2);
        databaseDown.set(false);

        // no change signalled: the periodic check finds the copy behind and writes it
        await().atMost(WAIT).until(() -> export.revisionWritten() == 1);
        assertThat(Files.readString(dir.resolve("status.json"))).isEqualTo("1");
    }

    @Test
    void twoReplicasOnOneDirectoryNeverPutBackAnOlderCopyNorShowABrokenFile() throws Exception {
        AtomicLong newest = new AtomicLong(7);
        AtomicLong lagging = new AtomicLong(5);
        SitePart big = (snapshot, files) -> files.put("big.json", document(snapshot.revision()));
        SiteExport ahead = export(newest::get, List.of(big), NO_CHECK);
        await().atMost(WAIT).until(() -> ahead.revisionWritten() == 7);

        SiteExport behind = export(lagging::get, List.of(big), NO_CHECK);
        await().atMost(WAIT).until(() -> behind.revisionWritten() == 5);
        assertThat(Files.readString(dir.resolve("big.json"))).startsWith("7|");
        assertThat(behind.rewrites()).isZero();

        // both rewrite at once, each from its own view of the page; the copy only ever moves forward
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicReference<String> problem = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            long last = 0;
            while (reading.get()) {
                try {
                    String text = Files.readString(dir.resolve("big.json"));
                    long shown = Long.parseLong(text.substring(0, text.indexOf('|')));
                    if (!whole(text) || shown < last) {
                        problem.set("revision " + shown + " after " + last + ", whole: " + whole(text));
                    }
                    last = shown;
                } catch (IOException | RuntimeException e) {
                    problem.set(e.toString());
                }
            }
        });
        reader.start();
        for (int i = 0; i < 40; i++) {
            lagging.set(newest.get() + 1);
            newest.addAndGet(2);
            ahead.changed();
            behind.changed();
        }
        await().atMost(WAIT).until(() -> ahead.revisionWritten() == newest.get()
                && behind.revisionWritten() == lagging.get());
        reading.set(false);
        reader.join();

        assertThat(problem.get()).isNull();
        assertThat(Files.readString(dir.resolve("big.json"))).startsWith(newest.get() + "|");
        assertThat(SiteExport.CopyMark.read(dir.resolve(SiteExport.REVISION_FILE)).revision()).isEqualTo(newest.get());
        assertThat(temporaryFiles()).isEmpty();
    }

    @Test
    void aCopyFromADatabaseStartedAfreshReplacesTheOldOne() throws Exception {
        AtomicLong revision = new AtomicLong(50);
        SiteExport old = export(revision::get, List.of(revisionPart("status.json")), NO_CHECK);
        await().atMost(WAIT).until(() -> old.revisionWritten() == 50);
        old.close();

        // the new database counts revisions from 0 again, and its changes come after the old copy was written
        SiteExport fresh = export(() -> snapshot(2, OffsetDateTime.now().plusSeconds(1)),
                List.of(revisionPart("status.json")), NO_CHECK);

        await().atMost(WAIT).until(() -> fresh.revisionWritten() == 2);
        assertThat(Files.readString(dir.resolve("status.json"))).isEqualTo("2");
        assertThat(fresh.rewrites()).isEqualTo(1);
    }

    @Test
    void whatTheWorkingPartsWroteIsMarkedEvenWhenAnotherFailed() throws Exception {
        SitePart failing = (snapshot, files) -> {
            throw new IllegalStateException("template error (test)");
        };
        SiteExport export = export(() -> 9L, List.of(failing, revisionPart("api/v2/status.json")), NO_CHECK);

        await().atMost(WAIT).until(() -> export.failures() >= 1);
        assertThat(SiteExport.CopyMark.read(dir.resolve(SiteExport.REVISION_FILE)).revision()).isEqualTo(9);
        assertThat(export.revisionWritten()).isEqualTo(-1); // tried again at the next change or check
    }

    @Test
    void aPartCannotWriteOutsideTheDirectoryNorADotFile() throws Exception {
        ExportDirectory files = new ExportDirectory(dir);
        List<String> unsafe = List.of("../escape.html", "/etc/passwd", "a//b", "a/./b", "a/../../b", "", "a/",
                ".tmp-x", "a\\b", "inc/..", "incidents/.tmp-x/index.html", SiteExport.REVISION_FILE,
                SitePaths.file("/incidents/.."));
        for (String path : unsafe) {
            files.put(path, new byte[] { 1 });
        }
        files.put("incidents/inc-1/index.html", new byte[] { 2 });

        assertThat(files.skipped()).containsExactlyElementsOf(unsafe);
        assertThat(files.written()).isEqualTo(1);
        try (Stream<Path> written = Files.walk(dir)) {
            assertThat(written.filter(Files::isRegularFile)).containsExactly(dir.resolve("incidents/inc-1/index.html"));
        }
        assertThat(dir.getParent().resolve("escape.html")).doesNotExist();
        // the export's own files go their own way, and only they
        files.putBookkeeping(SiteExport.REVISION_FILE, new byte[] { 3 });
        assertThat(dir.resolve(SiteExport.REVISION_FILE)).hasBinaryContent(new byte[] { 3 });
        for (String path : List.of("../.heraldo-x", ".tmp-x", ".heraldo-x/../../y", "index.html")) {
            assertThatThrownBy(() -> files.putBookkeeping(path, new byte[] { 1 })).as(path)
                    .isInstanceOf(FileSystemException.class);
        }
    }

    @Test
    void aPathThatCannotBeWrittenIsLeftOutLoggedOnceAndEveryLaterRewriteWritesTheRest() throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(String.valueOf(record.getParameters() == null ? record.getMessage()
                            : Arrays.toString(record.getParameters())));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(SiteExport.class.getName());
        logger.addHandler(handler);
        try {
            AtomicLong revision = new AtomicLong(1);
            SitePart pages = (snapshot, files) -> {
                for (String id : List.of("inc-1", ".tmp-x", "..", "inc-2")) {
                    files.put(SitePaths.file("/incidents/" + id),
                            Long.toString(snapshot.revision()).getBytes(StandardCharsets.UTF_8));
                }
            };
            SiteExport export = export(revision::get, List.of(pages), NO_CHECK);
            await().atMost(WAIT).until(() -> export.revisionWritten() == 1);
            for (int i = 2; i <= 4; i++) {
                revision.set(i);
                export.changed();
                long expected = i;
                await().atMost(WAIT).until(() -> export.revisionWritten() == expected);
                assertThat(Files.readString(dir.resolve("incidents/inc-2/index.html"))).isEqualTo(Long.toString(i));
            }

            assertThat(Files.readString(dir.resolve("incidents/inc-1/index.html"))).isEqualTo("4");
            assertThat(export.failures()).isZero();
            assertThat(export.rewrites()).isEqualTo(4);
            assertThat(export.skipped()).containsExactlyInAnyOrder("incidents/.tmp-x/index.html",
                    "incidents/../index.html");
            assertThat(dir.resolve("incidents/.tmp-x")).doesNotExist();
            assertThat(warnings).filteredOn(w -> w.contains(".tmp-x")).hasSize(1);
        } finally {
            logger.removeHandler(handler);
        }
    }

    @Test
    void anUnchangedFileIsLeftAlone() throws Exception {
        ExportDirectory first = new ExportDirectory(dir);
        first.put("a.json", "same".getBytes(StandardCharsets.UTF_8));
        var written = Files.getLastModifiedTime(dir.resolve("a.json"));

        ExportDirectory second = new ExportDirectory(dir);
        second.put("a.json", "same".getBytes(StandardCharsets.UTF_8));
        second.put("b.json", "new".getBytes(StandardCharsets.UTF_8));

        assertThat(second.unchanged()).isEqualTo(1);
        assertThat(second.written()).isEqualTo(1);
        assertThat(Files.getLastModifiedTime(dir.resolve("a.json"))).isEqualTo(written);
    }

    private SiteExport export(Supplier<PageSnapshot> snapshots, List<SitePart> parts, Duration check) {
        SiteExport export = new SiteExport(dir, snapshots, parts, check);
        exports.add(export);
        return export;
    }

    private SiteExport export(java.util.function.LongSupplier revision, List<SitePart> parts, Duration check) {
        return export(() -> snapshot(revision.getAsLong()), parts, check);
    }

    /** A snapshot of a page changed at a time in the past, one second per revision. */
    private static PageSnapshot snapshot(long revision) {
        return snapshot(revision, CHANGES_BEGAN.plusSeconds(revision));
    }

    private static PageSnapshot snapshot(long revision, OffsetDateTime updatedAt) {
        return new PageSnapshot(revision, "es", updatedAt, null, null, List.of(), List.of(), List.of(), () -> null);
    }

    private static SitePart revisionPart(String path) {
        return (snapshot, files) -> files.put(path, Long.toString(snapshot.revision()).getBytes(StandardCharsets.UTF_8));
    }

    /** 256 kB that says its revision at both ends: a torn file does not. */
    private static byte[] document(long revision) {
        String marker = revision + "|";
        return (marker + "x".repeat(SIZE) + "|" + revision).getBytes(StandardCharsets.UTF_8);
    }

    private static boolean whole(String text) {
        int first = text.indexOf('|');
        int last = text.lastIndexOf('|');
        return first > 0 && last - first - 1 == SIZE && text.substring(0, first).equals(text.substring(last + 1));
    }

    private List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(ExportDirectory.TEMPORARY_PREFIX)).toList();
        } catch (NoSuchFileException gone) {
            return List.of();
        }
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
