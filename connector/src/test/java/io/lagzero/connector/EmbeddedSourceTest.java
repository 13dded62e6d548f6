package io.lagzero.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lagzero.sandbox.db.MariaDbServer;
import io.lagzero.sandbox.kafka.KafkaBroker;
import io.lagzero.sink.source.TableSelector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Debezium in the embedded engine streams snapshot and binlog changes into Kafka, and resumes. */
class EmbeddedSourceTest {
    private static MariaDbServer source;
    private static KafkaBroker kafka;

    @BeforeAll
    static void start() {
        source = MariaDbServer.startSource("embedded-source");
        kafka = KafkaBroker.startTemporary("embedded-source-kafka");
        source.createDatabase("shop");
        source.execute("shop", "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20))",
                "INSERT INTO items VALUES (1, 'one'), (2, 'two')");
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
        if (source != null) {
            source.close();
        }
    }

    @Test
    void snapshotsThenStreamsAndResumesWithoutResnapshotting() {
        SourceSettings settings = new SourceSettings(source.url("shop"), MariaDbServer.USER, MariaDbServer.PASSWORD,
                TableSelector.parse("shop.items"), "it", kafka.bootstrapServers(), 2, Duration.ofMillis(500));
        SourceDatabase db = SourcePreflight.check(settings.url(), settings.user(), settings.password(), settings.tables());
        assertThat(SourceOffsets.read(settings)).isEqualTo(SourceOffsets.State.NONE);
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of("it.shop.items"));
            try (EmbeddedSource runner = EmbeddedSource.start(settings, db, Duration.ofMinutes(2))) {
                await().atMost(Duration.ofMinutes(1)).until(() -> poll(consumer, seen) >= 2);
                source.execute("shop", "UPDATE items SET name = 'uno' WHERE id = 1", "DELETE FROM items WHERE id = 2");
                await().atMost(Duration.ofMinutes(1)).until(() -> poll(consumer, seen) >= 4);
                assertThat(runner.progress().snapshotRows("it.shop.items")).isEqualTo(2);
                assertThat(runner.progress().snapshotDone()).isTrue();
            }
            assertThat(seen).extracting(r -> op(r.value())).containsExactly("r", "r", "u", "d");
            assertThat(SourceOffsets.read(settings)).isEqualTo(SourceOffsets.State.STREAMING);
            assertThat(seen.get(2).key()).contains("\"id\":1");

            source.execute("shop", "INSERT INTO items VALUES (3, 'three')");
            try (EmbeddedSource runner = EmbeddedSource.start(settings, db, Duration.ofMinutes(2))) {
                await().atMost(Duration.ofMinutes(1)).until(() -> poll(consumer, seen) >= 5);
                assertThat(runner.progress().snapshotRows("it.shop.items")).isZero();
            }
            assertThat(seen).extracting(r -> op(r.value())).containsExactly("r", "r", "u", "d", "c");
        }
    }

    private static String op(String json) {
        int at = json.lastIndexOf("\"op\":\"");
        return json.substring(at + 6, at + 7);
    }

    private static int poll(KafkaConsumer<String, String> consumer, List<ConsumerRecord<String, String>> seen) {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        return seen.size();
    }

    private static KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "group.id", "check",
                "auto.offset.reset", "earliest", "metadata.max.age.ms", "1000"),
                new StringDeserializer(), new StringDeserializer());
    }
}
