package io.heraldo.fanout;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One claimed page while its worker sends it: which entries are recorded, which outcomes arrived since the last
 * record, how many sends are still out. Outcomes arrive on sender threads; everything else is the worker's.
 */
final class PageRun {

    private record Completed(int index, Outcome outcome, List<String> carried) {
    }

    private final DeliveryPage page;
    private final BitSet done;
    private final ConcurrentLinkedQueue<Completed> completed = new ConcurrentLinkedQueue<>();
    private final Object outstandingLock = new Object();
    private int outstanding;
    private volatile boolean lost;
    private long lastRecordNanos = System.nanoTime();

    PageRun(DeliveryPage page) {
        this.page = page;
        this.done = (BitSet) page.done().clone();
    }

    DeliveryPage page() {
        return page;
    }

    void submitted() {
        synchronized (outstandingLock) {
            outstanding++;
        }
    }

    /** From a sender thread. */
    void completed(int index, Outcome outcome) {
        completed(index, outcome, List.of());
    }

    /** From a sender thread; {@code carried}: the deliveries of earlier updates the sent mail carried. */
    void completed(int index, Outcome outcome, List<String> carried) {
        completed.add(new Completed(index, outcome, carried));
        synchronized (outstandingLock) {
            outstanding--;
            outstandingLock.notifyAll();
        }
    }

    /** Waits for the sends still out, at most {@code millis}; true when none is left. */
    boolean awaitOutstanding(long millis) throws InterruptedException {
        synchronized (outstandingLock) {
            if (outstanding > 0) {
                outstandingLock.wait(millis);
            }
            return outstanding == 0;
        }
    }

    /** Whether enough outcomes, or outcomes old enough, wait to be recorded. */
    boolean due(int batch, long intervalNanos) {
        int waiting = completed.size();
        return waiting >= batch || (waiting > 0 && System.nanoTime() - lastRecordNanos >= intervalNanos);
    }

    /** Takes the outcomes that arrived, marking their entries done; what to record next. */
    List<DeliveryPages.Recorded> drain() {
        List<DeliveryPages.Recorded> drained = new ArrayList<>();
        Completed next;
        while ((next = completed.poll()) != null) {
            done.set(next.index());
            drained.add(new DeliveryPages.Recorded(page.entries().get(next.index()), next.outcome(),
                    next.carried()));
        }
        lastRecordNanos = System.nanoTime();
        return drained;
    }

    BitSet done() {
        return done;
    }

    boolean finished() {
        return done.cardinality() >= page.size();
    }

    /** Another replica took the page over (this one was taken for dead): send nothing more of it. */
    void lose() {
        lost = true;
    }

    boolean lost() {
        return lost;
    }
}
