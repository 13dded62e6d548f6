package io.lagzero.control.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Where a chunk ends when each side returned up to {@code limit} rows after the same key. */
class ChunkTest {
    @Test
    void whenNeitherSideIsFullTheChunkRunsToTheEndOfTheTable() {
        Chunk chunk = Chunk.cut(rows(1, 2, 3), rows(1, 3), 5, null);
        assertThat(chunk.last()).isTrue();
        assertThat(keys(chunk.source())).containsExactly(1L, 2L, 3L);
        assertThat(keys(chunk.target())).containsExactly(1L, 3L);
    }

    @Test
    void aFullSideEndsTheChunkAtItsLastKeyAndTheOtherSidesLaterRowsWait() {
        Chunk chunk = Chunk.cut(rows(1, 2, 3), rows(1, 2, 4), 3, null);
        assertThat(chunk.upperKey()).containsExactly(BigDecimal.valueOf(3));
        assertThat(keys(chunk.source())).containsExactly(1L, 2L, 3L);
        assertThat(keys(chunk.target())).as("4 belongs to the next chunk").containsExactly(1L, 2L);
    }

    @Test
    void whenBothSidesAreFullTheLowerLastKeyEndsTheChunk() {
        Chunk chunk = Chunk.cut(rows(1, 5, 9), rows(2, 3, 4), 3, null);
        assertThat(chunk.upperKey()).containsExactly(BigDecimal.valueOf(4));
        assertThat(keys(chunk.source())).containsExactly(1L);
        assertThat(keys(chunk.target())).containsExactly(2L, 3L, 4L);
    }

    @Test
    void manyExtraRowsInTheTargetNeverHideSourceRowsInTheSameRange() {
        Chunk chunk = Chunk.cut(rows(1, 100), rows(LongStream.rangeClosed(1, 10).toArray()), 10, null);
        assertThat(chunk.last()).isFalse();
        assertThat(keys(chunk.source())).containsExactly(1L);
        assertThat(keys(chunk.target())).hasSize(10);
        assertThat(chunk.upperKey()).containsExactly(BigDecimal.valueOf(10));
    }

    @Test
    void anEmptyRangeIsTheLastChunk() {
        Chunk chunk = Chunk.cut(List.of(), List.of(), 10, null);
        assertThat(chunk.last()).isTrue();
        assertThat(chunk.source()).isEmpty();
    }

    @Test
    void rowsAboveTheHighestKeyAtTheStartEndThePass() {
        List<Comparable<?>> end = List.of(BigDecimal.valueOf(4));
        Chunk chunk = Chunk.cut(rows(3, 4, 5, 6), rows(3, 5, 6, 7), 4, end);
        assertThat(chunk.last()).as("rows inserted after the start cannot keep the pass going").isTrue();
        assertThat(keys(chunk.source())).containsExactly(3L, 4L);
        assertThat(keys(chunk.target())).containsExactly(3L);
    }

    @Test
    void aChunkBelowTheHighestKeyIsNotTheLast() {
        Chunk chunk = Chunk.cut(rows(1, 2), rows(1, 2), 2, List.of(BigDecimal.valueOf(10)));
        assertThat(chunk.last()).isFalse();
        assertThat(chunk.upperKey()).containsExactly(BigDecimal.valueOf(2));
    }

    @Test
    void compositeKeysAreOrderedColumnByColumn() {
        Row a = Row.of(List.of(BigDecimal.ONE, "b"), List.of(0, 1));
        Row b = Row.of(List.of(BigDecimal.ONE, "c"), List.of(0, 1));
        Row c = Row.of(List.of(BigDecimal.valueOf(2), "a"), List.of(0, 1));
        Chunk chunk = Chunk.cut(List.of(a, c), List.of(a, b), 2, null);
        assertThat(chunk.upperKey()).containsExactly(BigDecimal.ONE, "c");
        assertThat(chunk.source()).containsExactly(a);
        assertThat(chunk.target()).containsExactly(a, b);
    }

    static List<Row> rows(long... keys) {
        return LongStream.of(keys).mapToObj(k -> Row.of(List.of(BigDecimal.valueOf(k), "v" + k), List.of(0))).toList();
    }

    private static List<Long> keys(List<Row> rows) {
        return rows.stream().map(r -> ((BigDecimal) r.values().get(0)).longValueExact()).toList();
    }
}
