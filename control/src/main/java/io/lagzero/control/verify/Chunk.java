package io.lagzero.control.verify;

import java.util.List;

/**
 * One chunk of a table: the rows of both sides whose keys lie in (previous upper key, upper key].
 *
 * @param upperKey the chunk's last key; null when the chunk runs to the end of the table
 */
record Chunk(List<Row> source, List<Row> target, List<Comparable<?>> upperKey) {

    boolean last() {
        return upperKey == null;
    }

    /**
     * Cuts a chunk from the first {@code limit} rows after the same key on each side. A side that
     * returned {@code limit} rows may have more, so the chunk ends at the lower of the full sides'
     * last keys, and rows above it are left to the next chunk; when neither side is full, both
     * reached the end of the table. Extra or missing rows on one side thus never push the other
     * side's rows into a different chunk.
     */
    static Chunk cut(List<Row> source, List<Row> target, int limit) {
        Row upper = null;
        for (List<Row> side : List.of(source, target)) {
            if (side.size() >= limit) {
                Row last = side.get(side.size() - 1);
                upper = upper == null || last.compareKeyTo(upper) < 0 ? last : upper;
            }
        }
        if (upper == null) {
            return new Chunk(source, target, null);
        }
        return new Chunk(upTo(source, upper), upTo(target, upper), upper.key());
    }

    private static List<Row> upTo(List<Row> rows, Row upper) {
        int end = rows.size();
        while (end > 0 && rows.get(end - 1).compareKeyTo(upper) > 0) {
            end--;
        }
        return rows.subList(0, end);
    }
}
