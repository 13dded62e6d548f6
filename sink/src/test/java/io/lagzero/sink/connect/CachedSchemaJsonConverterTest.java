package io.lagzero.sink.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CachedSchemaJsonConverterTest {
    private static final Map<String, String> SETTINGS = Map.of("schemas.enable", "true", "replace.null.with.default", "false");

    /** A Debezium-like change event: every Connect type, logical types, names, parameters, defaults. */
    private static final Schema ROW = SchemaBuilder.struct().name("shop.accounts.Value").optional()
            .field("id", Schema.INT64_SCHEMA)
            .field("tiny", Schema.OPTIONAL_INT8_SCHEMA)
            .field("small", Schema.INT16_SCHEMA)
            .field("num", SchemaBuilder.int32().name("io.debezium.time.Year").optional().build())
            .field("ratio", Schema.OPTIONAL_FLOAT32_SCHEMA)
            .field("score", Schema.FLOAT64_SCHEMA)
            .field("active", Schema.BOOLEAN_SCHEMA)
            .field("name", SchemaBuilder.string().optional().defaultValue("anon")
                    .parameter("__debezium.source.column.type", "VARCHAR").parameter("__debezium.source.column.length", "40").build())
            .field("blob", Schema.OPTIONAL_BYTES_SCHEMA)
            .field("amount", Decimal.builder(4).optional().parameter("connect.decimal.precision", "20").build())
            .field("day", Date.builder().optional().build())
            .field("at", Timestamp.builder().optional().build())
            .field("micros", SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").build())
            .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build())
            .field("attrs", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).optional().build())
            .build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().name("shop.accounts.Envelope")
            .field("before", ROW).field("after", ROW).field("op", Schema.STRING_SCHEMA).field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
            .build();

    private static Struct row(long id, String name) {
        return new Struct(ROW).put("id", id).put("tiny", (byte) -3).put("small", (short) 300).put("num", 2026)
                .put("ratio", 0.5f).put("score", Math.PI).put("active", true).put("name", name)
                .put("blob", new byte[] {0, 1, (byte) 0xff}).put("amount", new BigDecimal("12345.6789"))
                .put("day", new java.util.Date(86_400_000L * 20_000)).put("at", new java.util.Date(1_700_000_000_123L))
                .put("micros", 1_700_000_000_123_456L).put("tags", List.of("a", "\"quoted\" \\ {brace}"))
                .put("attrs", Map.of("x", 1, "y", 2));
    }

    private static Struct change(long id, String before, String after) {
        return new Struct(ENVELOPE).put("before", before == null ? null : row(id, before)).put("after", row(id, after))
                .put("op", before == null ? "c" : "u").put("ts_ms", 1_700_000_000_000L);
    }

    private static JsonConverter jsonConverter(Map<String, String> settings) {
        JsonConverter converter = new JsonConverter();
        converter.configure(settings, false);
        return converter;
    }

    private static CachedSchemaJsonConverter cached(Map<String, String> settings) {
        CachedSchemaJsonConverter converter = new CachedSchemaJsonConverter();
        converter.configure(settings, false);
        return converter;
    }

    @Test
    void readsEveryTypeExactlyAsJsonConverterDoesFirstTimeAndFromItsCache() {
        JsonConverter reference = jsonConverter(SETTINGS);
        CachedSchemaJsonConverter converter = cached(SETTINGS);
        for (Struct change : List.of(change(1, null, "ann"), change(1, "ann", null), change(2, null, "{\"x\":[1]}"))) {
            byte[] bytes = reference.fromConnectData("shop.accounts", ENVELOPE, change);
            SchemaAndValue expected = reference.toConnectData("shop.accounts", bytes);

            SchemaAndValue actual = converter.toConnectData("shop.accounts", bytes);

            assertThat(actual.schema()).isEqualTo(expected.schema());
            assertThat(actual.value()).isEqualTo(expected.value()).isEqualTo(change);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"BASE64", "NUMERIC"})
    void writesTheBytesJsonConverterWrites(String decimalFormat) {
        Map<String, String> settings = Map.of("schemas.enable", "true", "replace.null.with.default", "false",
                "decimal.format", decimalFormat);
        JsonConverter reference = jsonConverter(settings);
        CachedSchemaJsonConverter converter = cached(settings);
        for (Struct change : List.of(change(1, null, "ann"), change(1, "ann", null), change(2, "x", "y"))) {
            assertThat(new String(converter.fromConnectData("t", ENVELOPE, change), StandardCharsets.UTF_8))
                    .isEqualTo(new String(reference.fromConnectData("t", ENVELOPE, change), StandardCharsets.UTF_8));
        }
        assertThat(converter.fromConnectData("t", ROW, null)).isEqualTo(reference.fromConnectData("t", ROW, null));
        assertThat(converter.fromConnectData("t", null, null)).isNull();
        assertThat(converter.fromConnectData("t", null, Map.of("k", 1L))).isEqualTo(reference.fromConnectData("t", null, Map.of("k", 1L)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "false"})
    void keepsJsonConvertersNullAndDefaultHandling(String replaceNullWithDefault) {
        Map<String, String> settings = Map.of("schemas.enable", "true", "replace.null.with.default", replaceNullWithDefault);
        JsonConverter reference = jsonConverter(settings);
        byte[] bytes = reference.fromConnectData("t", ENVELOPE, change(1, null, null));

        assertThat(cached(settings).toConnectData("t", bytes)).isEqualTo(reference.toConnectData("t", bytes));
    }

    @Test
    void aChangedSchemaOnTheSameTopicIsReadWithTheNewSchema() {
        JsonConverter reference = jsonConverter(SETTINGS);
        CachedSchemaJsonConverter converter = cached(SETTINGS);
        Schema narrow = SchemaBuilder.struct().name("t.Value").field("id", Schema.INT64_SCHEMA).build();
        Schema wide = SchemaBuilder.struct().name("t.Value").field("id", Schema.INT64_SCHEMA)
                .field("note", Schema.OPTIONAL_STRING_SCHEMA).build();

        byte[] before = reference.fromConnectData("t", narrow, new Struct(narrow).put("id", 1L));
        byte[] after = reference.fromConnectData("t", wide, new Struct(wide).put("id", 2L).put("note", "added"));

        assertThat(converter.toConnectData("t", before).value()).isEqualTo(new Struct(narrow).put("id", 1L));
        assertThat(converter.toConnectData("t", after).value()).isEqualTo(new Struct(wide).put("id", 2L).put("note", "added"));
        assertThat(converter.toConnectData("t", before).schema()).isEqualTo(narrow);
    }

    @Test
    void otherLayoutsAndNullsGoToJsonConverter() {
        CachedSchemaJsonConverter converter = cached(SETTINGS);
        byte[] spaced = "{ \"schema\": {\"type\":\"int64\",\"optional\":false}, \"payload\": 42 }".getBytes(StandardCharsets.UTF_8);
        byte[] reordered = "{\"payload\":42,\"schema\":{\"type\":\"int64\",\"optional\":false}}".getBytes(StandardCharsets.UTF_8);
        byte[] noSchema = "{\"schema\":null,\"payload\":42}".getBytes(StandardCharsets.UTF_8);

        assertThat(converter.toConnectData("t", spaced)).isEqualTo(new SchemaAndValue(Schema.INT64_SCHEMA, 42L));
        assertThat(converter.toConnectData("t", reordered)).isEqualTo(new SchemaAndValue(Schema.INT64_SCHEMA, 42L));
        assertThat(converter.toConnectData("t", noSchema).value()).isEqualTo(42L);
        assertThat(converter.toConnectData("t", null)).isEqualTo(SchemaAndValue.NULL);
    }

    @Test
    void refusesWhatJsonConverterRefuses() {
        CachedSchemaJsonConverter converter = cached(SETTINGS);
        byte[] wrongType = "{\"schema\":{\"type\":\"int64\",\"optional\":false},\"payload\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        byte[] missingRequired = "{\"schema\":{\"type\":\"int64\",\"optional\":false},\"payload\":null}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> converter.toConnectData("t", missingRequired)).isInstanceOf(DataException.class);
        assertThatThrownBy(() -> jsonConverter(SETTINGS).toConnectData("t", missingRequired)).isInstanceOf(DataException.class);
        assertThat(converter.toConnectData("t", wrongType)).isEqualTo(jsonConverter(SETTINGS).toConnectData("t", wrongType));
    }

    @Test
    void findsTheEndOfAnObjectPastBracesAndEscapedQuotesInStrings() {
        byte[] json = "{\"a\":\"}\\\"{\",\"b\":[{}]}, rest".getBytes(StandardCharsets.UTF_8);

        assertThat(CachedSchemaJsonConverter.endOfObject(json, 0)).isEqualTo(json.length - ", rest".length());
        assertThat(CachedSchemaJsonConverter.endOfObject("{\"a\":1".getBytes(StandardCharsets.UTF_8), 0)).isEqualTo(-1);
    }
}
