package io.lagzero.control.verify;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * Reads rows that differed again, on both sides, until they match or the timeout passes: a row
 * changed on the source while the chunk was read is in the target once replication has caught
 * up with it, so only differences that outlast the timeout are reported. Waits 0.5 s, 1 s, 2 s,
 * ... (at most 5 s) between reads; a zero timeout reads once, at once.
 */
final class Recheck {
    private static final Duration FIRST_DELAY = Duration.ofMillis(500);
    private static final Duration MAX_DELAY = Duration.ofSeconds(5);

    private final SideReader source;
    private final SideReader target;
    private final TableLayout layout;
    private final Duration timeout;

    Recheck(SideReader source, SideReader target, TableLayout layout, Duration timeout) {
        this.source = source;
        this.target = target;
        this.layout = layout;
        this.timeout = timeout;
    }

    /** The differences among {@code keys} that persisted, as last read. */
    List<RowDifference> persistent(List<List<Comparable<?>>> keys) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration delay = FIRST_DELAY;
        List<List<Comparable<?>>> pending = keys;
        List<RowDifference> latest = List.of();
        while (!pending.isEmpty()) {
            long remaining = deadline - System.nanoTime();
            if (!timeout.isZero()) {
                Thread.sleep(Math.max(0, Math.min(delay.toMillis(), remaining / 1_000_000)));
            }
            latest = compare(pending);
            pending = latest.stream().map(RowDifference::keyValues).toList();
            delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
            if (System.nanoTime() >= deadline) {
                break;
            }
        }
        return latest;
    }

    private List<RowDifference> compare(List<List<Comparable<?>>> keys) throws SQLException {
        List<Row> sourceRows = source.byKeys(keys);
        List<Row> targetRows = target.byKeys(keys);
        return RowMerge.differences(sourceRows, targetRows, layout);
    }
}
