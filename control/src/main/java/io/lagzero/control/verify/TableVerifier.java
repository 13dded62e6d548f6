package io.lagzero.control.verify;

import io.lagzero.connector.rate.Pacer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Verifies one table: reads both sides chunk by chunk in key order up to the highest key at the
 * start, hashes each side's chunk, merges the rows of chunks whose hashes differ, re-checks the
 * differing rows whenever {@value #RECHECK_BATCH} have gathered and at the end (so a lagging
 * pipeline slows the pass down instead of flooding it), and saves progress after every step.
 */
final class TableVerifier {
    static final int RECHECK_BATCH = 2_000;
    /** A table with this many persistent differences is plainly different: later suspects are re-read without waiting. */
    static final int PLAINLY_DIFFERENT = 1_000;
    /** How long repaired rows may take through Debezium, Kafka and the sink before they count as unrepaired. */
    static final Duration REPAIR_WAIT = Duration.ofSeconds(60);

    private final Connection source;
    private final Connection target;
    private final VerifySettings settings;
    private final Pacer throttle;
    private final VerifyProgress progress;
    private final Repair repair;

    /** @param repair what repairs persistent differences; null to only report them */
    TableVerifier(Connection source, Connection target, VerifySettings settings,
            Pacer throttle, VerifyProgress progress, Repair repair) {
        this.source = source;
        this.target = target;
        this.settings = settings;
        this.throttle = throttle;
        this.progress = progress;
        this.repair = repair;
    }

    TableResult verify(TableLayout layout, TableState state, long estimatedRows, Runnable save)
            throws SQLException, InterruptedException {
        long started = System.nanoTime();
        SideReader sourceSide = SideReader.source(source, layout);
        SideReader targetSide = SideReader.target(target, layout);
        if (state.chunks == 0) {
            state.endKey = higher(sourceSide.highestKey(), targetSide.highestKey());
        }
        while (!state.scanned) {
            List<Row> sourceRows = sourceSide.after(state.lastKey, settings.chunkSize());
            List<Row> targetRows = targetSide.after(state.lastKey, settings.chunkSize());
            Chunk chunk = Chunk.cut(sourceRows, targetRows, settings.chunkSize(), state.endKey);
            boolean mismatched = !Arrays.equals(RowMerge.digest(chunk.source()), RowMerge.digest(chunk.target()));
            state.chunkDone(chunk, mismatched,
                    mismatched ? RowMerge.differences(chunk.source(), chunk.target(), layout) : List.of());
            if (state.suspects.size() >= RECHECK_BATCH) {
                recheck(layout, state, sourceSide, targetSide);
            }
            save.run();
            throttle.pace(Math.max(sourceRows.size(), targetRows.size()));
            progress.chunk(layout.table().toString(), state, estimatedRows, seconds(started));
        }
        recheck(layout, state, sourceSide, targetSide);
        if (repair != null && state.persistent() > 0) {
            repair(layout, state, sourceSide, targetSide);
        }
        return new TableResult(layout.table().toString(), layout.targetQualifier() + "." + layout.targetTable(),
                state.sourceRows, state.targetRows, state.chunks, state.mismatchedChunks, state.rechecked,
                state.repaired, state.missing, state.extra, state.different, List.copyOf(state.listed), null, seconds(started));
    }

    private void recheck(TableLayout layout, TableState state, SideReader sourceSide, SideReader targetSide)
            throws SQLException, InterruptedException {
        if (state.suspects.isEmpty()) {
            return;
        }
        progress.rechecking(layout.table().toString(), state.suspects.size());
        Duration timeout = state.persistent() >= PLAINLY_DIFFERENT ? Duration.ZERO : settings.recheckTimeout();
        state.rechecked(new Recheck(sourceSide, targetSide, layout, timeout).persistent(List.copyOf(state.suspects)));
    }

    private void repair(TableLayout layout, TableState state, SideReader sourceSide, SideReader targetSide)
            throws SQLException, InterruptedException {
        String table = layout.table().toString();
        if (state.persistent() > TableState.MAX_REPAIRED) {
            progress.note(table, state.persistent() + " differing rows are too many to repair key by key (at most "
                    + TableState.MAX_REPAIRED + "); snapshot the table again instead");
            return;
        }
        progress.note(table, "repairing " + state.toRepair.size() + " rows through the pipeline");
        repair.send(layout, state.toRepair);
        Duration wait = settings.recheckTimeout().compareTo(REPAIR_WAIT) > 0 ? settings.recheckTimeout() : REPAIR_WAIT;
        List<List<Comparable<?>>> keys = state.toRepair.stream().map(RowDifference::keyValues).toList();
        state.afterRepair(new Recheck(sourceSide, targetSide, layout, wait).persistent(keys));
    }

    private static List<Comparable<?>> higher(List<Comparable<?>> a, List<Comparable<?>> b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return Row.compareKeys(a, b) >= 0 ? a : b;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
