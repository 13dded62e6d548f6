package io.lagzero.bench;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Records in a topic and how many of them a sink connector has committed, from Kafka itself. */
final class KafkaProgress implements AutoCloseable {
    private final Admin admin;

    KafkaProgress(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        admin = Admin.create(props);
    }

    void createTopic(String topic, int partitions) {
        call(() -> admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get());
    }

    /** The records written to {@code topic} so far (the sum of its partitions' end offsets). */
    long records(String topic) {
        return call(() -> {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
            Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        });
    }

    boolean exists(String topic) {
        return call(() -> admin.listTopics().names().get().contains(topic));
    }

    /** The records of {@code topic} the sink connector {@code connector} has committed. */
    long committed(String connector, String topic) {
        return call(() -> {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("connect-" + connector)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        });
    }

    private interface KafkaCall<T> {
        T run() throws InterruptedException, ExecutionException;
    }

    private static <T> T call(KafkaCall<T> call) {
        try {
            return call.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka: " + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
