package io.lagzero.control.status;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * What waits in Kafka for a Kafka Connect sink, read from outside with the admin client: per table,
 * the end offsets of its topic minus the offsets the sink's consumer group {@code connect-<name>}
 * has committed (from the beginning of a partition it has not committed yet), and the records in
 * its dead-letter topic.
 *
 * @param perTable records waiting, by {@code db.table} (the last two parts of {@code <prefix>.<db>.<table>})
 */
record KafkaBacklog(Map<String, Long> perTable, long dlqRecords) {
    private static final long TIMEOUT_SECONDS = 15;

    long total() {
        return perTable.values().stream().mapToLong(Long::longValue).sum();
    }

    static KafkaBacklog read(String bootstrapServers, String connector, Predicate<String> topics, Optional<String> dlqTopic)
            throws IOException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers, "client.id", "lagzero-status",
                "request.timeout.ms", 5000, "default.api.timeout.ms", 10000))) {
            Set<String> tableTopics = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).stream()
                    .filter(topics).collect(Collectors.toSet());
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("connect-" + connector)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<String, Long> perTable = new TreeMap<>();
            Offsets offsets = Offsets.of(admin, partitions(admin, tableTopics));
            offsets.ends().forEach((partition, end) -> {
                OffsetAndMetadata done = committed.get(partition);
                long from = done == null ? offsets.starts().get(partition) : done.offset();
                perTable.merge(table(partition.topic()), Math.max(0, end - from), Long::sum);
            });
            long dlq = 0;
            if (dlqTopic.isPresent()) {
                Offsets dead = Offsets.of(admin, partitions(admin, Set.of(dlqTopic.get())));
                dlq = dead.ends().entrySet().stream().mapToLong(e -> e.getValue() - dead.starts().get(e.getKey())).sum();
            }
            return new KafkaBacklog(perTable, dlq);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new IOException("Kafka at " + bootstrapServers + ": " + cause.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** {@code <prefix>.<db>.<table>} → {@code db.table}; any other name as it is. */
    static String table(String topic) {
        String[] parts = topic.split("\\.");
        return parts.length < 3 ? topic : parts[parts.length - 2] + "." + parts[parts.length - 1];
    }

    private static List<TopicPartition> partitions(Admin admin, Collection<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<TopicPartition> partitions = new ArrayList<>();
        if (topics.isEmpty()) {
            return partitions;
        }
        admin.describeTopics(topics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).values()
                .forEach(topic -> topic.partitions().forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition()))));
        return partitions;
    }

    private record Offsets(Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends) {
        static Offsets of(Admin admin, List<TopicPartition> partitions)
                throws ExecutionException, InterruptedException, TimeoutException {
            return new Offsets(list(admin, partitions, OffsetSpec.earliest()), list(admin, partitions, OffsetSpec.latest()));
        }

        private static Map<TopicPartition, Long> list(Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
                throws ExecutionException, InterruptedException, TimeoutException {
            if (partitions.isEmpty()) {
                return Map.of();
            }
            Map<TopicPartition, ListOffsetsResultInfo> result = admin.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(p -> p, p -> spec))).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return result.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }
}
