package io.lagzero.sink.lag;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters of one source table, kept by {@link LagTracker}. */
final class TableProgress {
    private final LongAdder applied = new LongAdder();
    private final LongAdder snapshotRows = new LongAdder();
    private final LongAdder copiedHere = new LongAdder();
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong newestAppliedMicros = new AtomicLong();
    private volatile boolean snapshotDone;
    private volatile String copyPhase;

    void applied(long changes) {
        applied.add(changes);
    }

    void newestApplied(long commitMicros) {
        newestAppliedMicros.accumulateAndGet(commitMicros, Math::max);
    }

    long newestAppliedMicros() {
        return newestAppliedMicros.get();
    }

    void snapshotRows(long rows) {
        snapshotRows.add(rows);
    }

    /** The backfill's count, committed in the target so far: it replaces the count, as the backfill reports totals. */
    void copiedRows(long rows) {
        snapshotRows.reset();
        snapshotRows.add(rows);
    }

    void copiedHere(long rows) {
        copiedHere.add(rows);
    }

    long copiedHere() {
        return copiedHere.sum();
    }

    void copyPhase(String phase) {
        copyPhase = phase;
    }

    String copyPhase() {
        return copyPhase;
    }

    void snapshotDone() {
        snapshotDone = true;
    }

    void backlog(long records) {
        backlog.set(records);
    }

    long applied() {
        return applied.sum();
    }

    long snapshotRows() {
        return snapshotRows.sum();
    }

    boolean isSnapshotDone() {
        return snapshotDone;
    }

    long backlog() {
        return backlog.get();
    }
}
