package io.lagzero.sink.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TableWriterTest {
    @Test
    void fullStatementsFirstThenTheRestInFallingPowersOfTwo() {
        assertThat(TableWriter.statementSizes(5_000, 2_000)).containsExactly(2_000, 2_000, 512, 256, 128, 64, 32, 8);
        assertThat(TableWriter.statementSizes(2_000, 2_000)).containsExactly(2_000);
        assertThat(TableWriter.statementSizes(7, 3)).containsExactly(3, 3, 1);
        assertThat(TableWriter.statementSizes(1, 2_000)).containsExactly(1);
        assertThat(TableWriter.statementSizes(0, 2_000)).isEmpty();
    }

    @Test
    void aTableNeedsFewDistinctStatementSizes() {
        Set<Integer> sizes = new HashSet<>();
        for (int rows = 1; rows <= 10_000; rows++) {
            assertThat(TableWriter.statementSizes(rows, 2_000).stream().mapToInt(Integer::intValue).sum()).isEqualTo(rows);
            sizes.addAll(TableWriter.statementSizes(rows, 2_000));
        }
        assertThat(sizes).hasSize(12);
    }
}
