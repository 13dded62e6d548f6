package io.lagzero.sink.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PayloadReaderTest {
    /** What Debezium rows are made of: no arrays, maps or Connect date/time types. */
    private static final Schema ROW = SchemaBuilder.struct().name("shop.accounts.Value").optional()
            .field("id", Schema.INT64_SCHEMA)
            .field("tiny", Schema.OPTIONAL_INT8_SCHEMA)
            .field("small", Schema.INT16_SCHEMA)
            .field("year", SchemaBuilder.int32().name("io.debezium.time.Year").optional().build())
            .field("ratio", Schema.OPTIONAL_FLOAT32_SCHEMA)
            .field("score", Schema.FLOAT64_SCHEMA)
            .field("active", Schema.BOOLEAN_SCHEMA)
            .field("name", SchemaBuilder.string().optional().defaultValue("anon").parameter("__debezium.source.column.type", "VARCHAR").build())
            .field("blob", Schema.OPTIONAL_BYTES_SCHEMA)
            .field("amount", Decimal.builder(4).optional().build())
            .field("micros", SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").build())
            .build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().name("shop.accounts.Envelope")
            .field("before", ROW).field("after", ROW).field("op", Schema.STRING_SCHEMA).build();

    private static Struct row(long id, String name, BigDecimal amount) {
        return new Struct(ROW).put("id", id).put("tiny", (byte) -128).put("small", (short) 32_767).put("year", 2026)
                .put("ratio", 0.1f).put("score", -Math.E).put("active", false).put("name", name)
                .put("blob", new byte[] {0, 1, (byte) 0xff}).put("amount", amount).put("micros", Long.MIN_VALUE);
    }

    private static Object[] readBoth(Map<String, String> settings, Schema schema, Object value) {
        JsonConverter json = new JsonConverter();
        json.configure(settings, false);
        byte[] message = json.fromConnectData("t", schema, value);
        SchemaAndValue expected = json.toConnectData("t", message);
        JsonConverter withoutEnvelope = new JsonConverter();
        Map<String, Object> plain = new HashMap<>(settings);
        plain.put("schemas.enable", "false");
        withoutEnvelope.configure(plain, false);
        byte[] payload = withoutEnvelope.fromConnectData("t", schema, value);
        boolean replace = Boolean.parseBoolean(settings.getOrDefault("replace.null.with.default", "true"));
        Object actual = new PayloadReader(replace).read(expected.schema(), payload, 0, payload.length);
        return new Object[] {expected.value(), actual};
    }

    @ParameterizedTest
    @CsvSource({"BASE64,false", "NUMERIC,false", "BASE64,true", "NUMERIC,true"})
    void readsADebeziumChangeExactlyAsJsonConverterDoes(String decimalFormat, String replaceNullWithDefault) {
        Map<String, String> settings = Map.of("decimal.format", decimalFormat, "replace.null.with.default", replaceNullWithDefault);
        for (Struct change : List.of(
                new Struct(ENVELOPE).put("after", row(1, "ann", new BigDecimal("12345.6789"))).put("op", "c"),
                new Struct(ENVELOPE).put("before", row(1, "ann", null)).put("after", row(1, null, new BigDecimal("-0.0001")))
                        .put("op", "u"),
                new Struct(ENVELOPE).put("before", row(Long.MAX_VALUE, "\"quoted\" \\ {} é 😀", new BigDecimal("0.0000"))).put("op", "d"))) {
            Object[] both = readBoth(settings, ENVELOPE, change);

            assertThat(both[1]).as("read without JsonConverter").isNotSameAs(PayloadReader.UNREAD).isEqualTo(both[0]);
            ((Struct) both[1]).validate();
        }
    }

    @Test
    void leavesToJsonConverterWhatItDoesNotKnow() {
        PayloadReader reader = new PayloadReader(false);
        Schema required = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).field("n", Schema.INT32_SCHEMA).build();
        Schema list = SchemaBuilder.struct().field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build()).build();

        assertThat(read(reader, required, "{\"id\":1,\"n\":2}")).isEqualTo(new Struct(required).put("id", 1L).put("n", 2));
        assertThat(read(reader, required, "{\"n\":2,\"id\":1}")).as("another field order").isSameAs(PayloadReader.UNREAD);
        assertThat(read(reader, required, "{\"id\":1}")).as("a missing field").isSameAs(PayloadReader.UNREAD);
        assertThat(read(reader, required, "{\"id\":1,\"n\":2,\"x\":3}")).as("an extra field").isSameAs(PayloadReader.UNREAD);
        assertThat(read(reader, required, "{\"id\":null,\"n\":2}")).as("null where required").isSameAs(PayloadReader.UNREAD);
        assertThat(read(reader, required, "{\"id\":\"1\",\"n\":2}")).as("a string for a number").isSameAs(PayloadReader.UNREAD);
        assertThat(read(reader, required, "{\"id\":1,\"n\":3000000000}")).as("an int32 out of range").isSameAs(PayloadReader.UNREAD);
        assertThat(read(reader, required, "{\"id\":1,\"n\":2} {}")).as("trailing content").isSameAs(PayloadReader.UNREAD);
        assertThat(read(reader, list, "{\"tags\":[\"a\"]}")).as("an array").isSameAs(PayloadReader.UNREAD);
    }

    private static Object read(PayloadReader reader, Schema schema, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return reader.read(schema, bytes, 0, bytes.length);
    }
}
