package io.lagzero.control.run;

import io.lagzero.sink.lag.LagTracker;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures, at most once a second, the change events waiting in Kafka per table: the sink
 * consumer's end offsets minus its positions. Runs on the consumer's thread.
 */
final class BacklogProbe {
    private static final Logger LOG = LoggerFactory.getLogger(BacklogProbe.class);
    private static final Duration EVERY = Duration.ofSeconds(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final String topicPrefix;
    private final LagTracker tracker;
    private long lastMeasuredNanos;

    BacklogProbe(String topicPrefix, LagTracker tracker) {
        this.topicPrefix = topicPrefix;
        this.tracker = tracker;
    }

    void measure(Consumer<?, ?> consumer) {
        long now = System.nanoTime();
        if (now - lastMeasuredNanos < EVERY.toNanos()) {
            return;
        }
        lastMeasuredNanos = now;
        Set<TopicPartition> assignment = consumer.assignment();
        if (assignment.isEmpty()) {
            return;
        }
        try {
            Map<TopicPartition, Long> ends = consumer.endOffsets(assignment, TIMEOUT);
            Map<String, Long> perTable = new HashMap<>();
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                long waiting = Math.max(0, end.getValue() - consumer.position(end.getKey(), TIMEOUT));
                perTable.merge(table(end.getKey().topic()), waiting, Long::sum);
            }
            perTable.forEach(tracker::backlog);
        } catch (KafkaException e) {
            LOG.debug("Cannot measure the backlog this time: {}", e.getMessage());
        }
    }

    /** {@code <prefix>.<db>.<table>} → {@code db.table}. */
    private String table(String topic) {
        return topic.substring(topicPrefix.length() + 1);
    }
}
