package io.lagzero.sink.connect;

import io.lagzero.sink.event.KafkaPosition;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Connect's errant record reporter, reporting each record of a batch at most once. A transient
 * failure while a batch is narrowed down makes Connect deliver the same batch again; the records
 * this task already sent to the dead-letter queue are then left out instead of being sent again.
 * What was reported is forgotten when the batch completes and when its partitions are closed.
 */
final class DeadLetters {
    private final ErrantRecordReporter reporter;
    private final Set<KafkaPosition> reportedInBatch = new HashSet<>();

    /** {@code reporter} is null when the connector has no dead-letter queue (errors.tolerance=none). */
    DeadLetters(ErrantRecordReporter reporter) {
        this.reporter = reporter;
    }

    boolean enabled() {
        return reporter != null;
    }

    /** The records of {@code batch} not reported yet, in their order. */
    List<SinkRecord> notReported(List<SinkRecord> batch) {
        if (reportedInBatch.isEmpty()) {
            return batch;
        }
        return batch.stream().filter(record -> !reportedInBatch.contains(KafkaPosition.of(record))).toList();
    }

    void report(SinkRecord record, Throwable cause) {
        if (reporter == null) {
            throw new IllegalStateException("No errant record reporter: errors.tolerance=none");
        }
        reporter.report(record, cause);
        reportedInBatch.add(KafkaPosition.of(record));
    }

    void batchCompleted() {
        reportedInBatch.clear();
    }

    void forget(Collection<TopicPartition> partitions) {
        reportedInBatch.removeIf(position -> partitions.contains(new TopicPartition(position.topic(), position.partition())));
    }
}
