package io.heraldo.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RevisionWatchTest {

    private static final long MS = 1_000_000;
    private static final long MAX_AGE = 500 * MS;

    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private final AtomicLong database = new AtomicLong(7);
    private final AtomicLong reads = new AtomicLong();
    private final List<Runnable> background = new ArrayList<>();
    private final RevisionWatch watch = new RevisionWatch(this::read, now::get, MAX_AGE, background::add);

    private Revision read() {
        reads.incrementAndGet();
        return new Revision(database.get(), OffsetDateTime.of(2026, 3, 10, 12, 0, 0, 0, ZoneOffset.UTC),
                Instant.EPOCH);
    }

    @Test
    void aReadIsTrustedForItsMaximumAgeThenReadAgain() {
        assertThat(watch.trusted()).as("nothing read yet").isNull();
        assertThat(watch.current().number()).isEqualTo(7);
        database.set(8); // a change on another replica
        now.addAndGet(200 * MS);
        assertThat(watch.trusted().number()).isEqualTo(7);
        assertThat(watch.current().number()).isEqualTo(7);
        assertThat(reads).hasValue(1);
        now.addAndGet(300 * MS); // 500 ms after the read began
        assertThat(watch.trusted()).isNull();
        assertThat(watch.current().number()).isEqualTo(8);
        assertThat(reads).hasValue(2);
    }

    @Test
    void pastHalfItsAgeARevisionIsReadAgainInTheBackgroundOnceWhileTheKnownOneServes() {
        watch.current();
        now.addAndGet(250 * MS);
        database.set(8);
        assertThat(watch.trusted().number()).isEqualTo(7);
        assertThat(watch.trusted().number()).isEqualTo(7);
        assertThat(background).as("one read at a time").hasSize(1);
        background.remove(0).run();
        assertThat(watch.trusted().number()).isEqualTo(8);
        now.addAndGet(400 * MS); // the background read is 400 ms old: still trusted, and read again
        assertThat(watch.trusted().number()).isEqualTo(8);
        assertThat(background).hasSize(1);
    }

    @Test
    void aChangeAnnouncedHereShowsOnTheNextRequest() {
        watch.current();
        database.set(8);
        watch.changed();
        assertThat(watch.trusted()).isNull();
        assertThat(watch.current().number()).isEqualTo(8);
        assertThat(watch.trusted().number()).isEqualTo(8);
    }

    @Test
    void aReadThatBeganBeforeAnAnnouncedChangeIsNotTrusted() {
        RevisionWatch[] self = new RevisionWatch[1];
        // the change commits and is announced while the read is under way: the read may or may not have seen it
        self[0] = new RevisionWatch(() -> {
            Revision revision = read();
            self[0].changed();
            return revision;
        }, now::get, MAX_AGE, Runnable::run);
        assertThat(self[0].current().number()).isEqualTo(7);
        assertThat(self[0].trusted()).isNull();
    }

    @Test
    void aSlowReadDoesNotReplaceOneThatBeganLater() {
        RevisionWatch[] self = new RevisionWatch[1];
        boolean[] first = { true };
        self[0] = new RevisionWatch(() -> {
            if (first[0]) {
                first[0] = false;
                long started = now.get();
                now.addAndGet(10 * MS);
                database.set(8);
                assertThat(self[0].current().number()).as("a later read").isEqualTo(8);
                database.set(7); // what the slow read saw, before the change
                now.set(started + 20 * MS);
            }
            return read();
        }, now::get, MAX_AGE, Runnable::run);
        assertThat(self[0].read().number()).isEqualTo(7);
        assertThat(self[0].trusted().number()).as("the later read is kept").isEqualTo(8);
    }

    @Test
    void aMaximumAgeOfZeroReadsEveryTime() {
        RevisionWatch strict = new RevisionWatch(this::read, now::get, 0, background::add);
        strict.current();
        assertThat(strict.trusted()).isNull();
        strict.current();
        assertThat(reads).hasValue(2);
        assertThat(background).isEmpty();
    }

    @Test
    void aFailedBackgroundReadLeavesTheKnownRevisionToAgeOut() {
        boolean[] fail = { false };
        RevisionWatch flaky = new RevisionWatch(() -> {
            if (fail[0]) {
                throw new IllegalStateException("database down");
            }
            return read();
        }, now::get, MAX_AGE, background::add);
        flaky.current();
        fail[0] = true;
        now.addAndGet(300 * MS);
        assertThat(flaky.trusted().number()).isEqualTo(7);
        background.remove(0).run();
        now.addAndGet(200 * MS);
        assertThat(flaky.trusted()).isNull();
        assertThat(background).as("tried again").hasSize(1);
        fail[0] = false;
        assertThat(flaky.current().number()).isEqualTo(7);
    }
}
