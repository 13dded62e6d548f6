package io.lagzero.sink.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SourceValuesTest {
    @Test
    void timeValuesBeyondADayAndNegativeOnesAreRead() {
        assertThat(SourceValues.time("838:59:59.000000")).isEqualTo(Duration.ofHours(838).plusMinutes(59).plusSeconds(59));
        assertThat(SourceValues.time("-00:00:01")).isEqualTo(Duration.ofSeconds(-1));
        assertThat(SourceValues.time("25:00:00.5")).isEqualTo(Duration.ofHours(25).plusMillis(500));
    }
}
