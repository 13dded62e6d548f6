package io.lagzero.control.verify;

import java.util.ArrayList;
import java.util.List;

/** How far one table's pass has got: what a resumed run continues from. */
final class TableState {
    static final int MAX_SUSPECTS = 10_000;

    final String table;
    List<Comparable<?>> lastKey;
    boolean scanned;
    long sourceRows;
    long targetRows;
    long chunks;
    long mismatchedChunks;
    final List<List<Comparable<?>>> suspects = new ArrayList<>();
    long notRechecked;
    TableResult result;

    TableState(String table) {
        this.table = table;
    }

    void chunkDone(Chunk chunk, boolean mismatched, List<RowDifference> differences) {
        chunks++;
        sourceRows += chunk.source().size();
        targetRows += chunk.target().size();
        if (mismatched) {
            mismatchedChunks++;
        }
        for (RowDifference difference : differences) {
            if (suspects.size() < MAX_SUSPECTS) {
                suspects.add(difference.keyValues());
            } else {
                notRechecked++;
            }
        }
        lastKey = chunk.upperKey();
        scanned = chunk.last();
    }
}
