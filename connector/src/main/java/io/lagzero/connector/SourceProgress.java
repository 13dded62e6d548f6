package io.lagzero.connector;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counts of what the source has produced into Kafka, per topic, for progress and lag displays. */
public final class SourceProgress {
    private final Map<String, LongAdder> snapshotRows = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> changes = new ConcurrentHashMap<>();
    private final AtomicLong newestSourceMillis = new AtomicLong();
    private volatile boolean snapshotDone;

    void recordSnapshotRow(String topic) {
        snapshotRows.computeIfAbsent(topic, t -> new LongAdder()).increment();
    }

    void recordChange(String topic, long sourceMillis) {
        changes.computeIfAbsent(topic, t -> new LongAdder()).increment();
        newestSourceMillis.accumulateAndGet(sourceMillis, Math::max);
    }

    void markSnapshotDone() {
        snapshotDone = true;
    }

    public long snapshotRows(String topic) {
        LongAdder rows = snapshotRows.get(topic);
        return rows == null ? 0 : rows.sum();
    }

    public long snapshotRows() {
        return snapshotRows.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long changes() {
        return changes.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Source commit time (epoch ms) of the newest binlog change produced into Kafka. */
    public long newestSourceMillis() {
        return newestSourceMillis.get();
    }

    public boolean snapshotDone() {
        return snapshotDone;
    }
}
