package io.lagzero.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class ServersTest {

    @Test
    void mariaDbSourceHasTheBinlogDebeziumNeeds() throws Exception {
        try (MariaDbServer source = MariaDbServer.startSource("source");
                Connection c = source.connect("");
                Statement s = c.createStatement()) {
            assertThat(variable(s, "log_bin")).isEqualTo("ON");
            assertThat(variable(s, "binlog_format")).isEqualTo("ROW");
            assertThat(variable(s, "binlog_row_image")).isEqualTo("FULL");
            assertThat(variable(s, "gtid_strict_mode")).isEqualTo("ON");
            source.createDatabase("app");
            source.execute("app", "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))", "INSERT INTO t VALUES (1, '😀')");
            try (ResultSet rs = s.executeQuery("SELECT v FROM app.t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("😀");
            }
        }
    }

    @Test
    void mariaDbTargetHasNoBinlog() throws Exception {
        try (MariaDbServer target = MariaDbServer.startTarget("target");
                Connection c = target.connect("");
                Statement s = c.createStatement()) {
            assertThat(variable(s, "log_bin")).isEqualTo("OFF");
        }
    }

    @Test
    void postgresAcceptsPasswordLogins() throws Exception {
        try (PostgresServer postgres = PostgresServer.start("pg")) {
            postgres.createDatabase("app");
            try (Connection c = postgres.connect("app"); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT current_database()")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("app");
            }
        }
    }

    @Test
    void kafkaBrokerRoundTripsARecordAndResumesFromItsDirectory() throws Exception {
        java.nio.file.Path dir = ServerDirs.fresh("kafka-persistent");
        try {
            try (KafkaBroker broker = KafkaBroker.startPersistent(dir);
                    KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(broker))) {
                producer.send(new ProducerRecord<>("t", "k", "v")).get();
            }
            try (KafkaBroker broker = KafkaBroker.startPersistent(dir);
                    KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps(broker))) {
                consumer.subscribe(List.of("t"));
                ConsumerRecords<String, String> records = ConsumerRecords.empty();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (records.isEmpty() && System.nanoTime() < deadline) {
                    records = consumer.poll(Duration.ofMillis(500));
                }
                assertThat(records.iterator().next().value()).isEqualTo("v");
            }
        } finally {
            ServerDirs.deleteRecursively(dir);
        }
    }

    private static Properties producerProps(KafkaBroker broker) {
        Properties p = new Properties();
        p.putAll(Map.of("bootstrap.servers", broker.bootstrapServers(), "key.serializer", StringSerializer.class.getName(),
                "value.serializer", StringSerializer.class.getName()));
        return p;
    }

    private static Properties consumerProps(KafkaBroker broker) {
        Properties p = new Properties();
        p.putAll(Map.of("bootstrap.servers", broker.bootstrapServers(), "group.id", "g", "auto.offset.reset", "earliest",
                "key.deserializer", StringDeserializer.class.getName(), "value.deserializer", StringDeserializer.class.getName()));
        return p;
    }

    private static String variable(Statement s, String name) throws Exception {
        try (ResultSet rs = s.executeQuery("SELECT @@" + name)) {
            rs.next();
            String value = rs.getString(1);
            return "1".equals(value) ? "ON" : "0".equals(value) ? "OFF" : value;
        }
    }
}
