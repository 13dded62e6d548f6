package io.lagzero.sink.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class SourceValuesTest {
    @Test
    void timeValuesBeyondADayAndNegativeOnesAreRead() {
        assertThat(SourceValues.time("838:59:59.000000")).isEqualTo(Duration.ofHours(838).plusMinutes(59).plusSeconds(59));
        assertThat(SourceValues.time("-00:00:01")).isEqualTo(Duration.ofSeconds(-1));
        assertThat(SourceValues.time("25:00:00.5")).isEqualTo(Duration.ofHours(25).plusMillis(500));
    }

    @Test
    void dateTimesKeepEveryFractionDigitAndZeroDatesAreNull() {
        assertThat(SourceValues.dateTime("2024-06-01 00:00:01.001")).isEqualTo(LocalDateTime.of(2024, 6, 1, 0, 0, 1, 1_000_000));
        assertThat(SourceValues.dateTime("9999-12-31 23:59:59.999999")).isEqualTo(LocalDateTime.of(9999, 12, 31, 23, 59, 59,
                999_999_000));
        assertThat(SourceValues.dateTime("1000-01-01 00:00:00")).isEqualTo(LocalDateTime.of(1000, 1, 1, 0, 0));
        assertThat(SourceValues.dateTime("0000-00-00 00:00:00")).isNull();
    }
}
