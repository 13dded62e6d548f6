package io.lagzero.e2e.connect;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads raw records, headers included, without a consumer group: what a user inspecting a topic sees. */
final class TopicReader implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final KafkaConsumer<byte[], byte[]> consumer;

    TopicReader(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers, "enable.auto.commit", "false"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The first {@code count} records of {@code topic} over all its partitions. */
    List<ConsumerRecord<byte[], byte[]>> read(String topic, int count) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        await(count + " records in " + topic).atMost(WAIT).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            return records.size() >= count;
        });
        return records.subList(0, count);
    }

    /** The record at one position. */
    ConsumerRecord<byte[], byte[]> readAt(String topic, int partition, long offset) {
        TopicPartition at = new TopicPartition(topic, partition);
        consumer.assign(List.of(at));
        consumer.seek(at, offset);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        await("the record at " + at + "@" + offset).atMost(WAIT).until(() -> {
            records.addAll(consumer.poll(Duration.ofMillis(200)).records(at));
            return !records.isEmpty();
        });
        return records.get(0);
    }

    /** The last value of header {@code key} as UTF-8 text, or null without one. */
    static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
