package io.lagzero.sink.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class SegmentsTest {
    @Test
    void segmentsSplitTheFirstKeyColumnsRangeEvenly() {
        assertThat(Segments.even(BigInteger.ONE, BigInteger.valueOf(100), 4))
                .containsExactly(null, "26", "51", "76", null);
        assertThat(Segments.even(BigInteger.ONE, BigInteger.valueOf(2), 8))
                .as("a narrow range gives fewer segments").containsExactly(null, "2", null);
    }
}
