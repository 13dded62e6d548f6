package io.lagzero.sink.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
    private final List<SinkRecord> reported = new ArrayList<>();
    private final DeadLetters deadLetters = new DeadLetters((record, error) -> {
        reported.add(record);
        return CompletableFuture.completedFuture(null);
    });

    private final SinkRecord a0 = record("a", 0, 10);
    private final SinkRecord a1 = record("a", 1, 10);
    private final SinkRecord b0 = record("b", 0, 11);
    private final List<SinkRecord> batch = List.of(a0, a1, b0);

    @Test
    void aRetriedBatchLeavesOutTheRecordsAlreadyReported() {
        deadLetters.report(a1, new IllegalArgumentException("bad"));

        assertThat(reported).containsExactly(a1);
        assertThat(deadLetters.notReported(batch)).containsExactly(a0, b0);
        assertThat(deadLetters.notReported(List.of(record("a", 1, 10)))).as("the same position, delivered again").isEmpty();
    }

    @Test
    void aCompletedBatchForgetsWhatWasReported() {
        deadLetters.report(a1, new IllegalArgumentException("bad"));
        deadLetters.batchCompleted();

        assertThat(deadLetters.notReported(batch)).containsExactly(a0, a1, b0);
    }

    @Test
    void closedPartitionsAreForgottenAndTheOthersKept() {
        deadLetters.report(a1, new IllegalArgumentException("bad"));
        deadLetters.report(b0, new IllegalArgumentException("bad"));
        deadLetters.forget(List.of(new TopicPartition("a", 1)));

        assertThat(deadLetters.notReported(batch)).containsExactly(a0, a1);
    }

    @Test
    void withoutAReporterItIsDisabled() {
        assertThat(new DeadLetters(null).enabled()).isFalse();
        assertThat(deadLetters.enabled()).isTrue();
    }

    private static SinkRecord record(String topic, int partition, long offset) {
        return new SinkRecord(topic, partition, null, "key", null, "value", offset);
    }
}
