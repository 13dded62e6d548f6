package io.lagzero.connector;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.Converter;

/**
 * Writes Debezium's change events to Kafka exactly as a Kafka Connect worker would: JSON with
 * schemas, keyed by primary key, one topic per table, through an idempotent producer (acks=all).
 */
final class ChangeProducer implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final Admin admin;
    private final Converter keyConverter;
    private final Converter valueConverter;
    private final Set<String> knownTopics = new HashSet<>();
    private final int partitions;
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();

    /** @param converters makes the key and the value converter, which {@link ChangeEventJson} configures */
    ChangeProducer(String bootstrapServers, String clientId, int partitions, Supplier<Converter> converters) {
        this.partitions = partitions;
        this.keyConverter = ChangeEventJson.configured(converters.get(), true);
        this.valueConverter = ChangeEventJson.configured(converters.get(), false);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(16 * 1024 * 1024));
        producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers, "client.id", clientId + "-admin"));
    }

    /** Sends the records in order and returns once Kafka has acknowledged all of them. */
    void sendAll(List<SourceRecord> records) throws InterruptedException {
        for (SourceRecord record : records) {
            ensureTopic(record.topic());
            byte[] key = keyConverter.fromConnectData(record.topic(), record.keySchema(), record.key());
            byte[] value = valueConverter.fromConnectData(record.topic(), record.valueSchema(), record.value());
            producer.send(new ProducerRecord<>(record.topic(), key, value), (metadata, error) -> {
                if (error != null) {
                    sendFailure.compareAndSet(null, error);
                }
            });
        }
        producer.flush();
        Exception failure = sendFailure.get();
        if (failure != null) {
            throw new IllegalStateException("Kafka did not accept change events: " + failure.getMessage(), failure);
        }
    }

    private void ensureTopic(String topic) throws InterruptedException {
        if (knownTopics.contains(topic)) {
            return;
        }
        try {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty())))
                    .all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
            }
        }
        awaitLeaders(topic);
        knownTopics.add(topic);
    }

    /**
     * A produce request that reaches a new partition before its leader is in place fails with
     * NOT_LEADER_OR_FOLLOWER, and the idempotent producer's retry can then be refused as out of
     * sequence for good. So the first record waits until every partition's leader answers for it.
     */
    private void awaitLeaders(String topic) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                var description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
                if (description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    // The leader in the metadata may not serve the partition yet; listing offsets asks the leader itself.
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                    admin.listOffsets(latest).all().get();
                    producer.partitionsFor(topic);
                    return;
                }
            } catch (ExecutionException e) {
                // not visible yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("Topic " + topic + " has partitions without a leader after 30 s");
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }
}
