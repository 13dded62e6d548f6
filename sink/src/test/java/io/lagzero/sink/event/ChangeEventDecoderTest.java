package io.lagzero.sink.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.lagzero.sink.testing.DebeziumRecords;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class ChangeEventDecoderTest {
    private final ChangeEventDecoder decoder = new ChangeEventDecoder();

    /** A snapshot event exactly as Debezium 3.5 (MariaDB connector, lagzero's settings) wrote it. */
    private static SinkRecord capturedSnapshotEvent() {
        JsonNode event = DebeziumRecords.resource("debezium/all_types-snapshot-event.json");
        SchemaAndValue key = converter(true).toConnectData("lz.shop.all_types", bytes(event.get("key")));
        SchemaAndValue value = converter(false).toConnectData("lz.shop.all_types", bytes(event.get("value")));
        return new SinkRecord("lz.shop.all_types", 2, key.schema(), key.value(), value.schema(), value.value(), 41);
    }

    @Test
    void aNullStaysNullEvenWhenTheColumnHasADefault() {
        Schema row = SchemaBuilder.struct().name("lz.shop.t.Value")
                .field("id", Schema.INT32_SCHEMA)
                .field("dflt", SchemaBuilder.string().optional().defaultValue("default").build())
                .optional().build();
        Schema source = SchemaBuilder.struct().field("db", Schema.STRING_SCHEMA).field("table", Schema.STRING_SCHEMA)
                .field("ts_ms", Schema.INT64_SCHEMA).build();
        Schema envelope = SchemaBuilder.struct().field("before", row).field("after", row).field("source", source)
                .field("op", Schema.STRING_SCHEMA).build();
        Schema keySchema = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
        Struct value = new Struct(envelope).put("after", new Struct(row).put("id", 1).put("dflt", null))
                .put("source", new Struct(source).put("db", "shop").put("table", "t").put("ts_ms", 1L)).put("op", "c");
        SinkRecord record = new SinkRecord("lz.shop.t", 0, keySchema, new Struct(keySchema).put("id", 1), envelope, value, 0);

        assertThat(decoder.decode(record).orElseThrow().row()).containsEntry("dflt", null);
    }

    @Test
    void decodesEveryColumnOfARealSnapshotEventWithoutZoneShift() {
        TimeZone original = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        try {
            ChangeEvent event = decoder.decode(capturedSnapshotEvent()).orElseThrow();

            assertThat(event.table()).isEqualTo(new TableId("shop", "all_types"));
            assertThat(event.operation()).isEqualTo(Operation.UPSERT);
            assertThat(event.key()).containsExactly(Map.entry("id", 1L));
            assertThat(event.sourceTsMs()).isEqualTo(1_795_359_342_000L);
            assertThat(event.position()).isEqualTo(new KafkaPosition("lz.shop.all_types", 2, 41));
            Map<String, Object> row = event.row();
            assertThat(row).containsEntry("i_u", 4_294_967_295L)
                    .containsEntry("bi", Long.MAX_VALUE)
                    .containsEntry("bi_u", new BigDecimal("18446744073709551615"))
                    .containsEntry("dec20", new BigDecimal("12345678901234.123456"))
                    .containsEntry("name", "h\u00e9llo \uD83D\uDE00")
                    .containsEntry("dt", LocalDateTime.parse("2024-03-10T02:30:00.123456"))
                    .containsEntry("dt0", LocalDateTime.parse("2024-03-10T02:30:00"))
                    .containsEntry("dt3", LocalDateTime.parse("2024-03-10T02:30:00.123"))
                    .containsEntry("ts", OffsetDateTime.parse("2024-03-10T07:30:00.654321Z"))
                    .containsEntry("d", LocalDate.parse("2024-02-29"))
                    .containsEntry("t", Duration.ofHours(-838).minusMinutes(59).minusSeconds(59))
                    .containsEntry("y", 2024)
                    .containsEntry("e", "large")
                    .containsEntry("flag", true);
            assertThat((byte[]) row.get("bin")).hasSize(32).startsWith(new byte[] {0, (byte) 0xFF, 0}).endsWith(new byte[] {1});
            BitString bits = (BitString) row.get("bits");
            assertThat(bits.toBinaryText()).isEqualTo("1000000001");
            assertThat(bits.toBigInteger()).isEqualTo(513);
        } finally {
            TimeZone.setDefault(original);
        }
    }

    @Test
    void columnsCarryTheSourceTypes() {
        ChangeEvent event = decoder.decode(capturedSnapshotEvent()).orElseThrow();

        Column dec = event.columns().stream().filter(c -> c.name().equals("dec20")).findFirst().orElseThrow();
        assertThat(dec.sourceType()).isEqualTo("DECIMAL");
        assertThat(dec.length()).isEqualTo(20);
        assertThat(dec.scale()).isEqualTo(6);
        assertThat(dec.kind()).isEqualTo(ValueKind.DECIMAL);
        assertThat(event.columnNames()).startsWith("id", "i", "i_u").endsWith("lt");
        assertThat(event.keyColumnDefinitions()).extracting(Column::sourceType).containsExactly("BIGINT");
    }

    @Test
    void deletesCarryTheKeyAndTombstonesAreEmpty() {
        DebeziumRecords tags = DebeziumRecords.forTable("tags");

        ChangeEvent delete = decoder.decode(tags.delete("{\"post_id\": 7, \"tag\": \"x\"}")).orElseThrow();

        assertThat(delete.operation()).isEqualTo(Operation.DELETE);
        assertThat(delete.keyColumns()).containsExactly("post_id", "tag");
        assertThat(delete.key()).containsExactly(Map.entry("post_id", 7), Map.entry("tag", "x"));
        assertThat(decoder.decode(tags.tombstone("{\"post_id\": 7, \"tag\": \"x\"}"))).isEmpty();
    }

    @Test
    void usesTheOriginalKafkaCoordinates() {
        SinkRecord read = capturedSnapshotEvent();
        SinkRecord renamed = new SinkRecord("renamed", 0, read.keySchema(), read.key(), read.valueSchema(), read.value(),
                999, null, null, List.of(), "lz.shop.all_types", 2, 41);

        assertThat(decoder.decode(renamed).orElseThrow().position()).isEqualTo(new KafkaPosition("lz.shop.all_types", 2, 41));
    }

    @Test
    void flattenedRowsAreAccepted() {
        Schema row = SchemaBuilder.struct().name("lz.shop.customers.Value")
                .field("id", Schema.INT32_SCHEMA).field("name", Schema.STRING_SCHEMA)
                .field("__deleted", Schema.OPTIONAL_STRING_SCHEMA).build();
        Schema key = SchemaBuilder.struct().name("lz.shop.customers.Key").field("id", Schema.INT32_SCHEMA).build();
        Struct value = new Struct(row).put("id", 5).put("name", "Eve").put("__deleted", "true");
        SinkRecord record = new SinkRecord("lz.shop.customers", 0, key, new Struct(key).put("id", 5), row, value, 3);

        ChangeEvent event = decoder.decode(record).orElseThrow();

        assertThat(event.table()).isEqualTo(new TableId("shop", "customers"));
        assertThat(event.operation()).isEqualTo(Operation.DELETE);
        assertThat(event.columnNames()).containsExactly("id", "name");
    }

    @Test
    void undecodableRecordsNameTheirPositionAndReason() {
        SinkRecord read = capturedSnapshotEvent();
        Struct truncate = new Struct(read.valueSchema());
        Struct source = ((Struct) read.value()).getStruct("source");
        truncate.put("source", source).put("op", "t");

        assertThatThrownBy(() -> decoder.decode(withValue(read, truncate)))
                .isInstanceOf(UndecodableRecordException.class)
                .hasMessageContaining("lz.shop.all_types-2@41").hasMessageContaining("op 't'");
        assertThatThrownBy(() -> decoder.decode(new SinkRecord("t", 1, null, null, null, Map.of("a", 1), 7)))
                .isInstanceOf(UndecodableRecordException.class)
                .hasMessageContaining("t-1@7").hasMessageContaining("expected a Struct");
        assertThatThrownBy(() -> decoder.decode(new SinkRecord("lz.shop.all_types", 2, null, null,
                read.valueSchema(), read.value(), 42)))
                .isInstanceOf(UndecodableRecordException.class).hasMessageContaining("primary key");
    }

    private static SinkRecord withValue(SinkRecord record, Struct value) {
        return new SinkRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                value.schema(), value, record.kafkaOffset());
    }

    private static JsonConverter converter(boolean isKey) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "true"), isKey);
        return converter;
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }
}
