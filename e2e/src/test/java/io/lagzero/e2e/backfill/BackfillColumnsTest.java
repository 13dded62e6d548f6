package io.lagzero.e2e.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lagzero.connector.EmbeddedSource;
import io.lagzero.connector.SourceDatabase;
import io.lagzero.connector.SourcePreflight;
import io.lagzero.connector.SourceSettings;
import io.lagzero.e2e.TypeMatrix;
import io.lagzero.sandbox.db.MariaDbDistribution;
import io.lagzero.sandbox.db.MariaDbServer;
import io.lagzero.sink.backfill.SourceTable;
import io.lagzero.sink.event.ChangeEvent;
import io.lagzero.sink.event.ChangeEventDecoder;
import io.lagzero.sink.event.Column;
import io.lagzero.sink.event.TableId;
import io.lagzero.sink.source.TableSelector;
import io.lagzero.testkit.DatabaseExtension;
import io.lagzero.testkit.KafkaExtension;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The backfill describes every column of the type matrix exactly as Debezium's change events do,
 * so the target table it creates, and the values it binds, are the ones the stream would give.
 */
class BackfillColumnsTest {
    @RegisterExtension
    static final DatabaseExtension<MariaDbServer> source = DatabaseExtension.mariaDbSource("backfill-columns");
    @RegisterExtension
    static final KafkaExtension kafka = new KafkaExtension("backfill-columns-kafka");

    @Test
    void everyTypeMatrixColumnIsDescribedAsDebeziumDescribesItOnMariaDb114() throws Exception {
        assertDescribedAsDebeziumDoes(source.get(), "columns");
    }

    @Test
    void everyTypeMatrixColumnIsDescribedAsDebeziumDescribesItOnDebiansMariaDb() throws Exception {
        assumeTrue(MariaDbServer.debianAvailable(), MariaDbDistribution.DEBIAN_NOT_INSTALLED);
        try (MariaDbServer debian = MariaDbServer.startSource("backfill-columns-debian", MariaDbDistribution.DEBIAN)) {
            assertDescribedAsDebeziumDoes(debian, "debian");
        }
    }

    private static void assertDescribedAsDebeziumDoes(MariaDbServer source, String prefix) throws Exception {
        String db = "columns";
        source.createDatabase(db);
        source.execute(db, TypeMatrix.SNAPSHOTTED);
        TableId matrix = new TableId(db, "matrix");
        SourceSettings settings = new SourceSettings(source.url(db), MariaDbServer.USER, MariaDbServer.PASSWORD,
                TableSelector.parse(db + ".matrix"), prefix, kafka.bootstrapServers(), 1, Duration.ofSeconds(1));
        SourceDatabase database = SourcePreflight.check(source.url(db), MariaDbServer.USER, MariaDbServer.PASSWORD,
                TableSelector.parse(db + ".matrix"));
        List<Column> debezium;
        try (EmbeddedSource ignored = EmbeddedSource.start(settings, database, Duration.ofMinutes(2))) {
            debezium = firstEvent(prefix + "." + db + ".matrix").columns();
        }
        SourceTable described;
        try (Connection c = source.connect(db)) {
            described = SourceTable.describe(c, matrix);
        }
        assertThat(described.keyColumns()).containsExactly("id");
        assertThat(described.columns().stream().map(BackfillColumnsTest::describe).toList())
                .containsExactlyElementsOf(debezium.stream().map(BackfillColumnsTest::describe).toList());
    }

    /** Everything about a column the sink reads: name, Connect type, semantic name, optionality, parameters. */
    private static String describe(Column column) {
        Schema schema = column.schema();
        Map<String, String> parameters = new TreeMap<>(schema.parameters() == null ? Map.of() : schema.parameters());
        return column.name() + " " + schema.type() + " " + schema.name() + (schema.isOptional() ? " optional " : " ")
                + parameters + " " + column.kind();
    }

    private static ChangeEvent firstEvent(String topic) {
        JsonConverter keys = new JsonConverter();
        keys.configure(Map.of("schemas.enable", "true"), true);
        JsonConverter values = new JsonConverter();
        values.configure(Map.of("schemas.enable", "true", "replace.null.with.default", "false"), false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                kafka.bootstrapServers(), "enable.auto.commit", "false"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            await().atMost(Duration.ofMinutes(1)).until(() -> {
                if (consumer.assignment().isEmpty() && consumer.listTopics().containsKey(topic)) {
                    consumer.assign(List.of(new TopicPartition(topic, 0)));
                    consumer.seekToBeginning(consumer.assignment());
                }
                if (!consumer.assignment().isEmpty()) {
                    consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                }
                return !records.isEmpty();
            });
            ConsumerRecord<byte[], byte[]> record = records.get(0);
            SchemaAndValue key = keys.toConnectData(topic, record.key());
            SchemaAndValue value = values.toConnectData(topic, record.value());
            SinkRecord sinkRecord = new SinkRecord(topic, 0, key.schema(), key.value(), value.schema(), value.value(), 0);
            return new ChangeEventDecoder().decode(sinkRecord).orElseThrow();
        }
    }
}
