package io.lagzero.sink.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.lagzero.sandbox.ServerDirs;
import io.lagzero.sink.error.SqlErrors;
import io.lagzero.sink.testing.DebeziumRecords;
import java.util.List;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** A target that is down when the sink starts is a transient failure of the first batch, not a crash. */
class UnreachableTargetTest {
    @Test
    void theApplierStartsAndItsFirstBatchFailsTransiently() {
        String url = "jdbc:mariadb://127.0.0.1:" + ServerDirs.freePort() + "/app?connectTimeout=500";
        try (ChangeApplier applier = new ChangeApplier(new TargetSettings(url, "lagzero", "pw"))) {
            SinkRecord record = DebeziumRecords.forTable("tags").snapshot("{\"post_id\": 1, \"tag\": \"t\"}");
            Throwable failure = catchThrowable(() -> applier.apply(List.of(record)));
            assertThat(failure).isInstanceOf(ApplyException.class);
            assertThat(SqlErrors.classify(failure)).isEqualTo(SqlErrors.Kind.TRANSIENT);
        }
    }
}
