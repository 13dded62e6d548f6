package io.lagzero.control.run;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lagzero.control.cli.UserError;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MonitoringSettingsTest {
    @Test
    void aBudgetNotLongerThanTheHeartbeatIntervalIsRefusedWithTheFix() {
        assertThatThrownBy(() -> new MonitoringSettings(Duration.ofSeconds(5), Duration.ofSeconds(5), 0))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("--max-lag").hasMessageContaining("--heartbeat-interval").hasMessageContaining("Fix:");
    }

    @Test
    void aZeroHeartbeatIntervalAndABadPortAreRefused() {
        assertThatThrownBy(() -> new MonitoringSettings(Duration.ZERO, Duration.ofSeconds(10), 0))
                .hasMessageContaining("--heartbeat-interval must be positive");
        assertThatThrownBy(() -> new MonitoringSettings(Duration.ofSeconds(1), Duration.ofSeconds(10), 70_000))
                .hasMessageContaining("--http-port 70000");
    }
}
