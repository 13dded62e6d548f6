package io.lagzero.sink.backfill;

import io.lagzero.sink.event.TableId;

/**
 * A part of a table's primary-key range that one worker at a time copies, chunk after chunk, in
 * key order: first key column in {@code [low, high)} (either bound may be open), continuing after
 * {@code cursor} (empty before the first chunk).
 *
 * @param low the first key column's lowest value in the segment, as text; null: unbounded
 * @param high the first key column's value the segment stops before, as text; null: unbounded
 * @param cursor the key of the last row copied, encoded by {@link KeyCursor}; null before the first chunk
 */
public record Segment(TableId table, int number, String low, String high, String cursor) {
}
