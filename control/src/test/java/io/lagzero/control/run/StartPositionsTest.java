package io.lagzero.control.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lagzero.testkit.KafkaExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sink starts at its committed offset, or at the first record of a partition it never read;
 * when Kafka has deleted change events it had not applied (retention), it stops and says so
 * instead of skipping them as {@code auto.offset.reset=earliest} would.
 */
class StartPositionsTest {
    @RegisterExtension
    static final KafkaExtension kafka = new KafkaExtension("start-positions-kafka");
    private static Admin admin;

    @BeforeAll
    static void connect() {
        admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
    }

    @AfterAll
    static void disconnect() {
        admin.close();
    }

    @Test
    void aPartitionNeverReadStartsAtItsFirstRecord() throws Exception {
        produce("fresh", 3);
        try (KafkaConsumer<String, String> consumer = consumer("fresh-group", "fresh")) {
            assertThat(pollUntil(consumer, 3)).extracting(ConsumerRecord::offset).containsExactly(0L, 1L, 2L);
        }
    }

    @Test
    void aCommittedPositionIsWhereTheSinkResumes() throws Exception {
        produce("resumed", 5);
        commit("resumed-group", "resumed", 3);
        try (KafkaConsumer<String, String> consumer = consumer("resumed-group", "resumed")) {
            assertThat(pollUntil(consumer, 2)).extracting(ConsumerRecord::offset).containsExactly(3L, 4L);
        }
    }

    @Test
    void changesDeletedBeforeTheSinkAppliedThemStopItWithTheFix() throws Exception {
        produce("expired", 10);
        commit("expired-group", "expired", 2);
        deleteBefore("expired", 6);
        try (KafkaConsumer<String, String> consumer = consumer("expired-group", "expired")) {
            assertThatThrownBy(() -> pollUntil(consumer, 1))
                    .isInstanceOf(StartPositions.ChangesDeletedException.class)
                    .hasMessageStartingWith("Kafka deleted change events the sink had not applied yet: expired-0 keeps "
                            + "offsets 6 on, the sink had applied those before 2 (4 changes lost, most likely by retention)")
                    .hasMessageContaining("Fix: replicate again from a new snapshot")
                    .hasMessageContaining("--broker-retention")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void aPartitionNeverReadWhoseFirstRecordsAreGoneStopsTheSink() throws Exception {
        produce("never-read", 5);
        deleteBefore("never-read", 3);
        try (KafkaConsumer<String, String> consumer = consumer("never-read-group", "never-read")) {
            assertThatThrownBy(() -> pollUntil(consumer, 1))
                    .isInstanceOf(StartPositions.ChangesDeletedException.class)
                    .hasMessageStartingWith("Kafka deleted change events the sink never applied: never-read-0 starts at "
                            + "offset 3 and the sink has no position there")
                    .hasMessageContaining("Fix:");
        }
    }

    private static void produce(String topic, int records) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, 0, "k" + i, "v" + i)).get();
            }
        }
    }

    private static void commit(String group, String topic, long offset) throws Exception {
        admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(offset))).all().get();
    }

    /** As retention does: the records before {@code offset} are gone. */
    private static void deleteBefore(String topic, long offset) throws Exception {
        admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(offset))).all().get();
    }

    /** A consumer configured as the sink's. */
    private static KafkaConsumer<String, String> consumer(String group, String topic) {
        Map<String, Object> props = new HashMap<>(StartPositions.CONSUMER_CONFIG);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static List<ConsumerRecord<String, String>> pollUntil(KafkaConsumer<String, String> consumer, int records) {
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (seen.size() < records && System.nanoTime() < deadline) {
            StartPositions.poll(consumer, Duration.ofMillis(200)).forEach(seen::add);
        }
        return seen;
    }
}
