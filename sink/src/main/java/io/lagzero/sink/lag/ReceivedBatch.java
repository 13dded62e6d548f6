package io.lagzero.sink.lag;

import io.lagzero.sink.lag.ChangeTiming.SnapshotMark;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A batch of changes the sink has received and not yet committed in the target, summarized to
 * what lag and snapshot progress need. Hand it back to {@link LagTracker#applied} or
 * {@link LagTracker#dropped}.
 */
public final class ReceivedBatch {
    private final long receivedMicros;
    private final Map<String, ChangeTiming> oldestPerTable = new HashMap<>();
    private final Map<String, Long> newestCommitPerTable = new HashMap<>();
    private final Map<String, Long> changesPerTable = new HashMap<>();
    private final Map<String, Long> snapshotRowsPerTable = new HashMap<>();
    private final Set<String> tablesSnapshotted = new HashSet<>();
    private ChangeTiming oldest;
    private ChangeTiming newestHeartbeat;
    private ChangeTiming newestStreamed;
    private boolean snapshotFinished;

    ReceivedBatch(Collection<ChangeTiming> changes, long receivedMicros) {
        this.receivedMicros = receivedMicros;
        for (ChangeTiming change : changes) {
            add(change);
        }
    }

    private void add(ChangeTiming change) {
        oldestPerTable.merge(change.table(), change, ReceivedBatch::older);
        newestCommitPerTable.merge(change.table(), change.commitMicros(), Math::max);
        oldest = oldest == null ? change : older(oldest, change);
        changesPerTable.merge(change.table(), 1L, Long::sum);
        if (change.heartbeat() && (newestHeartbeat == null || change.commitMicros() > newestHeartbeat.commitMicros())) {
            newestHeartbeat = change;
        }
        if (change.snapshot() == SnapshotMark.STREAMING
                && (newestStreamed == null || change.commitMicros() > newestStreamed.commitMicros())) {
            newestStreamed = change;
        }
        switch (change.snapshot()) {
            case STREAMING -> snapshotFinished = true;
            case LAST -> {
                snapshotFinished = true;
                tablesSnapshotted.add(change.table());
            }
            case LAST_OF_TABLE -> tablesSnapshotted.add(change.table());
            case ROW -> {
            }
        }
        if (change.snapshot() != SnapshotMark.STREAMING) {
            snapshotRowsPerTable.merge(change.table(), 1L, Long::sum);
        }
    }

    private static ChangeTiming older(ChangeTiming a, ChangeTiming b) {
        return b.commitMicros() < a.commitMicros() ? b : a;
    }

    long receivedMicros() {
        return receivedMicros;
    }

    Optional<ChangeTiming> oldest() {
        return Optional.ofNullable(oldest);
    }

    Optional<ChangeTiming> oldest(String table) {
        return Optional.ofNullable(oldestPerTable.get(table));
    }

    Optional<ChangeTiming> newestHeartbeat() {
        return Optional.ofNullable(newestHeartbeat);
    }

    /** The newest binlog change (heartbeat or not; snapshot rows have a read time, not a commit time). */
    Optional<ChangeTiming> newestStreamed() {
        return Optional.ofNullable(newestStreamed);
    }

    Map<String, Long> newestCommitPerTable() {
        return newestCommitPerTable;
    }

    Map<String, Long> changesPerTable() {
        return changesPerTable;
    }

    Map<String, Long> snapshotRowsPerTable() {
        return snapshotRowsPerTable;
    }

    Set<String> tablesSnapshotted() {
        return tablesSnapshotted;
    }

    boolean snapshotFinished() {
        return snapshotFinished;
    }

    public boolean isEmpty() {
        return oldest == null;
    }
}
