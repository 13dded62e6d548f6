package io.lagzero.control.verify;

import java.util.ArrayList;
import java.util.List;

/** How far one table's pass has got, and what it has found: what a resumed run continues from. */
final class TableState {
    final String table;
    /** The highest key on either side when the pass of the table started; null: not yet known or empty. */
    List<Comparable<?>> endKey;
    List<Comparable<?>> lastKey;
    boolean scanned;
    long sourceRows;
    long targetRows;
    long chunks;
    long mismatchedChunks;
    long rechecked;
    /** Keys that differed when their chunk was read and wait for their re-check. */
    final List<List<Comparable<?>>> suspects = new ArrayList<>();
    long missing;
    long extra;
    long different;
    /** The first persistent differences, at most {@link TableResult#MAX_LISTED}. */
    final List<RowDifference> listed = new ArrayList<>();
    /** The persistent differences' kinds and keys, for {@code --repair}; at most {@link #MAX_REPAIRED}. */
    final List<RowDifference> toRepair = new ArrayList<>();
    long repaired;
    TableResult result;
    static final int MAX_REPAIRED = 10_000;

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
        differences.forEach(difference -> suspects.add(difference.keyValues()));
        lastKey = chunk.upperKey();
        scanned = chunk.last();
    }

    /** The re-check of every suspect ended with these differences persisting. */
    void rechecked(List<RowDifference> persistent) {
        rechecked += suspects.size();
        suspects.clear();
        for (RowDifference difference : persistent) {
            switch (difference.kind()) {
                case MISSING -> missing++;
                case EXTRA -> extra++;
                case DIFFERENT -> different++;
            }
            if (listed.size() < TableResult.MAX_LISTED) {
                listed.add(difference);
            }
            if (toRepair.size() < MAX_REPAIRED) {
                toRepair.add(new RowDifference(difference.kind(), java.util.Map.of(), difference.keyValues(), List.of()));
            }
        }
    }

    long persistent() {
        return missing + extra + different;
    }

    /** After a repair, these differences remain: the counts and lists start over from them. */
    void afterRepair(List<RowDifference> remaining) {
        repaired += toRepair.size() - remaining.size();
        missing = 0;
        extra = 0;
        different = 0;
        listed.clear();
        toRepair.clear();
        suspects.clear();
        rechecked(remaining);
    }
}
