package io.lagzero.control.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.lagzero.sink.source.TableSelector;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PipelineConfigTest {
    @Test
    void theLoggedConfigShowsNoPasswordEvenInAUrl() {
        PipelineConfig config = PipelineConfig.of("jdbc:mariadb://db1:3306/app?password=src-secret", "lagzero", "pw-1",
                "jdbc:postgresql://db2:5432/app?user=x&password=tgt-secret", "lagzero", "pw-2", TableSelector.parse("app.*"),
                Optional.empty(), Path.of("lagzero-data"), "lagzero", Map.of());
        assertThat(config.toString()).contains("jdbc:mariadb://db1:3306/app?...", "jdbc:postgresql://db2:5432/app?...")
                .doesNotContain("src-secret", "tgt-secret", "pw-1", "pw-2");
        assertThat(config.source("127.0.0.1:9092").toString()).doesNotContain("src-secret", "pw-1");
    }
}
