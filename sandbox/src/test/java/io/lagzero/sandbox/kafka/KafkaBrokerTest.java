package io.lagzero.sandbox.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lagzero.sandbox.ServerDirs;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The embedded broker of {@code lagzero run}: its settings reach Kafka, its data survives a restart. */
class KafkaBrokerTest {

    @Test
    void roundTripsARecordAndResumesFromItsDirectory() throws Exception {
        Path dir = ServerDirs.fresh("kafka-persistent");
        try {
            try (KafkaBroker broker = KafkaBroker.start(dir, BrokerSettings.anyPort());
                    KafkaProducer<String, String> producer = producer(broker)) {
                producer.send(new ProducerRecord<>("t", "k", "v")).get();
            }
            try (KafkaBroker broker = KafkaBroker.start(dir, BrokerSettings.anyPort());
                    KafkaConsumer<String, String> consumer = consumer(broker)) {
                consumer.subscribe(List.of("t"));
                ConsumerRecords<String, String> records = ConsumerRecords.empty();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (records.isEmpty() && System.nanoTime() < deadline) {
                    records = consumer.poll(Duration.ofMillis(500));
                }
                assertThat(records.iterator().next().value()).isEqualTo("v");
            }
            assertThat(dir.resolve("meta.properties")).as("closing keeps the data").exists();
        } finally {
            ServerDirs.deleteRecursively(dir);
        }
    }

    @Test
    void runsWithTheSettingsItIsGiven() throws Exception {
        Path dir = ServerDirs.fresh("kafka-settings");
        int port = ServerDirs.freePort();
        BrokerSettings settings = new BrokerSettings(port, 3, Optional.of(Duration.ofHours(36)));
        try (KafkaBroker broker = KafkaBroker.start(dir, settings);
                Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.BROKER, "1")))
                    .all().get().values().iterator().next();
            assertThat(config.get("log.retention.ms").value()).isEqualTo(String.valueOf(Duration.ofHours(36).toMillis()));
            assertThat(config.get("num.partitions").value()).isEqualTo("3");
            assertThat(config.get("offsets.retention.minutes").value()).as("the sink's committed position never expires")
                    .isEqualTo(String.valueOf(Integer.MAX_VALUE));
            try (KafkaProducer<String, String> producer = producer(broker)) {
                producer.send(new ProducerRecord<>("auto", "k", "v")).get();
            }
            assertThat(admin.describeTopics(List.of("auto")).allTopicNames().get().get("auto").partitions()).hasSize(3);
        } finally {
            ServerDirs.deleteRecursively(dir);
        }
    }

    @Test
    void keepsRecordsForeverWithoutARetention() throws Exception {
        Path dir = ServerDirs.fresh("kafka-forever");
        try (KafkaBroker broker = KafkaBroker.start(dir, new BrokerSettings(0, 1, Optional.empty()));
                Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.BROKER, "1")))
                    .all().get().values().iterator().next();
            assertThat(config.get("log.retention.ms").value()).isEqualTo("-1");
        } finally {
            ServerDirs.deleteRecursively(dir);
        }
    }

    @Test
    void aTakenPortIsNamed() throws Exception {
        Path dir = ServerDirs.fresh("kafka-taken");
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            assertThatThrownBy(() -> KafkaBroker.start(dir, BrokerSettings.DEFAULTS.withPort(taken.getLocalPort())))
                    .isInstanceOf(KafkaBroker.PortInUseException.class)
                    .hasMessage("port " + taken.getLocalPort() + " on 127.0.0.1 is in use");
        } finally {
            ServerDirs.deleteRecursively(dir);
        }
    }

    @Test
    void aTemporaryBrokerLeavesNothing() {
        Path dir;
        try (KafkaBroker broker = KafkaBroker.startTemporary("kafka-temporary")) {
            dir = broker.logDir();
            assertThat(dir).exists();
        }
        assertThat(dir).doesNotExist();
    }

    @Test
    void productionDefaults() {
        assertThat(BrokerSettings.DEFAULTS).isEqualTo(new BrokerSettings(9484, 1, Optional.of(Duration.ofDays(7))));
        assertThatThrownBy(() -> new BrokerSettings(70_000, 1, Optional.empty())).hasMessageContaining("70000");
        assertThatThrownBy(() -> new BrokerSettings(0, 0, Optional.empty())).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new BrokerSettings(0, 1, Optional.of(Duration.ZERO))).hasMessageContaining("positive");
    }

    private static KafkaProducer<String, String> producer(KafkaBroker broker) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers()), new StringSerializer(),
                new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(KafkaBroker broker) {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", broker.bootstrapServers(), "group.id", "g",
                "auto.offset.reset", "earliest"), new StringDeserializer(), new StringDeserializer());
    }
}
