package io.lagzero.control.run;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.NoOffsetForPartitionException;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;

/**
 * Where the sink starts reading a change topic partition, decided here instead of by Kafka's
 * {@code auto.offset.reset} (the consumer runs with {@code none}): at the committed offset; at the
 * first record when the sink never committed one and Kafka never deleted a record there; otherwise
 * it stops. A committed offset that Kafka no longer has means retention (or someone) deleted change
 * events the sink had not applied: {@code earliest} would skip them without a word, so the target
 * would silently miss those changes.
 */
final class StartPositions {
    /** The consumer setting that hands these decisions to {@link #poll}. */
    static final Map<String, Object> CONSUMER_CONFIG = Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");

    private static final String FIX = "Fix: replicate again from a new snapshot: drop the target tables and remove --data-dir "
            + "(with --kafka: use a new --topic-prefix); keep change events longer than lagzero run may be stopped "
            + "(--broker-retention, or the topics' retention.ms)";

    /** Change events the sink had not applied are gone from Kafka. */
    static final class ChangesDeletedException extends IllegalStateException {
        ChangesDeletedException(String message) {
            super(message);
        }
    }

    private StartPositions() {
    }

    /** {@code consumer.poll}, placing the partitions Kafka has no position for first. */
    static <K, V> ConsumerRecords<K, V> poll(Consumer<K, V> consumer, Duration timeout) {
        while (true) {
            try {
                return consumer.poll(timeout);
            } catch (NoOffsetForPartitionException e) {
                startAtTheFirstRecord(consumer, e.partitions());
            } catch (OffsetOutOfRangeException e) {
                throw outOfRange(consumer, e.offsetOutOfRangePartitions());
            }
        }
    }

    /** Partitions the sink never committed an offset in: from the start, if nothing was deleted there. */
    private static void startAtTheFirstRecord(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> first = consumer.beginningOffsets(partitions);
        Map<TopicPartition, Long> deleted = byName();
        first.forEach((partition, offset) -> {
            if (offset > 0) {
                deleted.put(partition, offset);
            } else {
                consumer.seek(partition, 0);
            }
        });
        if (!deleted.isEmpty()) {
            Map.Entry<TopicPartition, Long> one = deleted.entrySet().iterator().next();
            throw new ChangesDeletedException("Kafka deleted change events the sink never applied: " + one.getKey()
                    + " starts at offset " + one.getValue() + " and the sink has no position there (never committed, or "
                    + "forgotten by the cluster's offsets.retention.minutes)" + others(deleted.size()) + ". " + FIX);
        }
    }

    private static ChangesDeletedException outOfRange(Consumer<?, ?> consumer, Map<TopicPartition, Long> positions) {
        Map<TopicPartition, Long> sorted = byName();
        sorted.putAll(positions);
        TopicPartition partition = sorted.keySet().iterator().next();
        long position = sorted.get(partition);
        long first = consumer.beginningOffsets(List.of(partition)).get(partition);
        long end = consumer.endOffsets(List.of(partition)).get(partition);
        String what = position < first
                ? "Kafka deleted change events the sink had not applied yet: " + partition + " keeps offsets " + first
                        + " on, the sink had applied those before " + position + " (" + (first - position)
                        + " changes lost, most likely by retention)"
                : "the sink's position " + position + " in " + partition + " is past its end " + end
                        + " (was the topic deleted and created again?)";
        return new ChangesDeletedException(what + others(sorted.size()) + ". " + FIX);
    }

    private static Map<TopicPartition, Long> byName() {
        return new TreeMap<>(Comparator.comparing(TopicPartition::toString));
    }

    private static String others(int partitions) {
        return partitions > 1 ? ", and " + (partitions - 1) + " more partition" + (partitions > 2 ? "s" : "") : "";
    }
}
