package io.lagzero.control.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
    private final DurationConverter converter = new DurationConverter();

    @Test
    void readsTheUnitsPeopleWrite() {
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("20s")).isEqualTo(Duration.ofSeconds(20));
        assertThat(converter.convert("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(converter.convert("7d")).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void rejectsTextThatIsNotADuration() {
        assertThatThrownBy(() -> converter.convert("20")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("write e.g. 500ms, 20s");
        assertThatThrownBy(() -> converter.convert("soon")).isInstanceOf(TypeConversionException.class);
    }
}
