package io.lagzero.control.verify;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * Verifies one table: reads both sides chunk by chunk in key order, hashes each side's chunk,
 * merges the rows of chunks whose hashes differ, saves progress after every chunk, and finally
 * re-checks the differing rows so only persistent differences are reported.
 */
final class TableVerifier {
    private final Connection source;
    private final Connection target;
    private final SqlFlavor targetFlavor;
    private final VerifySettings settings;
    private final Throttle throttle;
    private final VerifyProgress progress;

    TableVerifier(Connection source, Connection target, SqlFlavor targetFlavor, VerifySettings settings,
            Throttle throttle, VerifyProgress progress) {
        this.source = source;
        this.target = target;
        this.targetFlavor = targetFlavor;
        this.settings = settings;
        this.throttle = throttle;
        this.progress = progress;
    }

    TableResult verify(TableLayout layout, TableState state, long estimatedRows, Runnable save)
            throws SQLException, InterruptedException {
        long started = System.nanoTime();
        SideReader sourceSide = SideReader.source(source, layout);
        SideReader targetSide = SideReader.target(target, targetFlavor, layout);
        while (!state.scanned) {
            List<Row> sourceRows = sourceSide.after(state.lastKey, settings.chunkSize());
            List<Row> targetRows = targetSide.after(state.lastKey, settings.chunkSize());
            Chunk chunk = Chunk.cut(sourceRows, targetRows, settings.chunkSize());
            boolean mismatched = !Arrays.equals(RowMerge.digest(chunk.source()), RowMerge.digest(chunk.target()));
            state.chunkDone(chunk, mismatched,
                    mismatched ? RowMerge.differences(chunk.source(), chunk.target(), layout) : List.of());
            save.run();
            throttle.pace(Math.max(sourceRows.size(), targetRows.size()));
            progress.chunk(layout.table().toString(), state, estimatedRows, seconds(started));
        }
        if (!state.suspects.isEmpty()) {
            progress.rechecking(layout.table().toString(), state.suspects.size());
        }
        List<RowDifference> persistent = new Recheck(sourceSide, targetSide, layout, settings.recheckTimeout())
                .persistent(List.copyOf(state.suspects));
        return new TableResult(layout.table().toString(), layout.targetQualifier() + "." + layout.targetTable(),
                state.sourceRows, state.targetRows, state.chunks, state.mismatchedChunks, state.suspects.size(),
                count(persistent, RowDifference.Kind.MISSING), count(persistent, RowDifference.Kind.EXTRA),
                count(persistent, RowDifference.Kind.DIFFERENT), state.notRechecked,
                List.copyOf(persistent.subList(0, Math.min(persistent.size(), TableResult.MAX_LISTED))), null,
                seconds(started));
    }

    private static long count(List<RowDifference> differences, RowDifference.Kind kind) {
        return differences.stream().filter(d -> d.kind() == kind).count();
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
