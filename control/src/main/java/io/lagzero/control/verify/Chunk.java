package io.lagzero.control.verify;

import java.util.List;

/**
 * One chunk of a table: the rows of both sides whose keys lie in (previous upper key, upper key].
 *
 * @param upperKey the chunk's last key; null when the chunk runs to the end of the table
 * @param last true when the table's pass ends with this chunk
 */
record Chunk(List<Row> source, List<Row> target, List<Comparable<?>> upperKey, boolean last) {

    /**
     * Cuts a chunk from the first {@code limit} rows after the same key on each side. A side that
     * returned {@code limit} rows may have more, so the chunk ends at the lower of the full sides'
     * last keys, and rows above it are left to the next chunk; when neither side is full, both
     * reached the end of the table. Extra or missing rows on one side thus never push the other
     * side's rows into a different chunk. Nothing above {@code endKey} (the highest key when the
     * table's pass started; null: no end) belongs to the pass, so rows inserted meanwhile cannot
     * keep it going forever.
     */
    static Chunk cut(List<Row> source, List<Row> target, int limit, List<Comparable<?>> endKey) {
        List<Comparable<?>> upper = null;
        for (List<Row> side : List.of(source, target)) {
            if (side.size() >= limit) {
                List<Comparable<?>> last = side.get(side.size() - 1).key();
                upper = upper == null || Row.compareKeys(last, upper) < 0 ? last : upper;
            }
        }
        if (endKey != null && (upper == null || Row.compareKeys(upper, endKey) >= 0)) {
            return new Chunk(upTo(source, endKey), upTo(target, endKey), endKey, true);
        }
        if (upper == null) {
            return new Chunk(source, target, null, true);
        }
        return new Chunk(upTo(source, upper), upTo(target, upper), upper, false);
    }

    private static List<Row> upTo(List<Row> rows, List<Comparable<?>> upper) {
        int end = rows.size();
        while (end > 0 && rows.get(end - 1).compareKeyTo(upper) > 0) {
            end--;
        }
        return rows.subList(0, end);
    }
}
