package io.lagzero.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads the binlog position Debezium last committed for this pipeline from its Kafka offsets topic. */
public final class SourceOffsets {
    /** Where Debezium will resume. */
    public enum State {
        /** No offset was ever committed: Debezium takes the initial snapshot. */
        NONE,
        /** A snapshot was cut off: Debezium takes it again from the start. */
        SNAPSHOT_INCOMPLETE,
        /** Debezium resumes streaming the binlog. */
        STREAMING
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private SourceOffsets() {
    }

    public static State read(SourceSettings settings) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers(),
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(settings.offsetsTopic(), Duration.ofSeconds(30));
            if (partitions == null || partitions.isEmpty()) {
                return State.NONE;
            }
            List<TopicPartition> assigned = partitions.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
            JsonNode latest = null;
            while (assigned.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null && isOurs(record.key(), settings.topicPrefix())) {
                        latest = JSON.readTree(record.value());
                    }
                }
            }
            return stateOf(latest);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read Debezium's offsets from " + settings.offsetsTopic(), e);
        }
    }

    static State stateOf(JsonNode offset) {
        if (offset == null) {
            return State.NONE;
        }
        // Debezium 3 writes "snapshot":"INITIAL" (older versions: true) while a snapshot runs.
        JsonNode snapshot = offset.path("snapshot");
        boolean snapshotting = !snapshot.isMissingNode() && !snapshot.isNull() && !"false".equals(snapshot.asText())
                && !offset.path("snapshot_completed").asBoolean(false);
        return snapshotting ? State.SNAPSHOT_INCOMPLETE : State.STREAMING;
    }

    private static boolean isOurs(byte[] key, String topicPrefix) throws IOException {
        JsonNode parts = JSON.readTree(key);
        return parts.isArray() && parts.size() == 2 && topicPrefix.equals(parts.get(1).path("server").asText());
    }
}
