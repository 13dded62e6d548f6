package io.lagzero.sink.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Builds SinkRecords the way the pipeline does: Debezium's JSON (schema + payload) for one table,
 * read back with {@link JsonConverter} ({@code schemas.enable=true}). The key and envelope schemas
 * are fixtures in {@code src/test/resources/debezium/}; rows are given as JSON payload text.
 */
public final class DebeziumRecords {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long FIRST_SOURCE_TS_MS = 1_700_000_000_000L;

    private final String table;
    private final String topic;
    private final JsonNode keySchema;
    private final JsonNode valueSchema;
    private final JsonConverter keyConverter = converter(true);
    private final JsonConverter valueConverter = converter(false);
    private long offset;
    private long sourceTsMs = FIRST_SOURCE_TS_MS;

    private DebeziumRecords(String table, JsonNode schemas) {
        this.table = table;
        this.topic = "lz.shop." + table;
        this.keySchema = schemas.get("key");
        this.valueSchema = schemas.get("value");
    }

    public static DebeziumRecords forTable(String table) {
        return new DebeziumRecords(table, resource("debezium/" + table + ".schema.json"));
    }

    /**
     * Records of the same table after an ALTER TABLE: {@code alter} edits the row's field list (the
     * schema of both {@code before} and {@code after}). Its records continue at this one's binlog
     * position, so they were written after every record made here so far.
     */
    public DebeziumRecords altered(Consumer<ArrayNode> alter) {
        ObjectNode schemas = JSON.createObjectNode();
        schemas.set("key", keySchema.deepCopy());
        ObjectNode value = valueSchema.deepCopy();
        for (JsonNode field : value.get("fields")) {
            if (field.get("field").asText().matches("before|after")) {
                alter.accept((ArrayNode) field.get("fields"));
            }
        }
        schemas.set("value", value);
        DebeziumRecords altered = new DebeziumRecords(table, schemas);
        altered.offset = offset;
        altered.sourceTsMs = sourceTsMs;
        return altered;
    }

    public static JsonNode resource(String path) {
        try (InputStream in = DebeziumRecords.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Debezium's JSON form of a DECIMAL: the unscaled value's two's-complement bytes, base64. */
    public static String decimal(String value) {
        return Base64.getEncoder().encodeToString(new BigDecimal(value).unscaledValue().toByteArray());
    }

    public static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    public SinkRecord snapshot(String after) {
        return record("r", null, after);
    }

    /** The last snapshot record of the table. */
    public SinkRecord snapshotLast(String after) {
        return record("r", null, after, "last_in_data_collection");
    }

    public SinkRecord create(String after) {
        return record("c", null, after);
    }

    public SinkRecord update(String before, String after) {
        return record("u", before, after);
    }

    public SinkRecord delete(String before) {
        return record("d", before, null);
    }

    /** The tombstone Debezium may follow a delete with: key, null value. */
    public SinkRecord tombstone(String before) {
        SchemaAndValue key = keyConverter.toConnectData(topic, bytes(message(keySchema, keyOf(parse(before)))));
        return new SinkRecord(topic, 0, key.schema(), key.value(), null, null, offset++);
    }

    public long lastSourceTsMs() {
        return sourceTsMs - 1000;
    }

    private SinkRecord record(String op, String before, String after) {
        return record(op, before, after, op.equals("r") ? "true" : "false");
    }

    private SinkRecord record(String op, String before, String after, String snapshotMarker) {
        JsonNode row = parse(after != null ? after : before);
        ObjectNode payload = JSON.createObjectNode();
        payload.set("before", parse(before));
        payload.set("after", parse(after));
        payload.set("source", source(op, snapshotMarker));
        payload.putNull("transaction");
        payload.put("op", op);
        payload.put("ts_ms", sourceTsMs + 250);
        payload.put("ts_us", (sourceTsMs + 250) * 1000);
        payload.put("ts_ns", (sourceTsMs + 250) * 1_000_000);
        sourceTsMs += 1000;
        SchemaAndValue key = keyConverter.toConnectData(topic, bytes(message(keySchema, keyOf(row))));
        SchemaAndValue value = valueConverter.toConnectData(topic, bytes(message(valueSchema, payload)));
        return new SinkRecord(topic, 0, key.schema(), key.value(), value.schema(), value.value(), offset++);
    }

    private ObjectNode source(String op, String snapshotMarker) {
        ObjectNode source = JSON.createObjectNode();
        String connector = valueSchema.toString().contains("io.debezium.connector.mysql.Source") ? "mysql" : "mariadb";
        source.put("version", "3.5.0.Final");
        source.put("connector", connector);
        source.put("name", "lz");
        source.put("ts_ms", sourceTsMs);
        source.put("snapshot", snapshotMarker);
        source.put("db", "shop");
        source.putNull("sequence");
        source.put("ts_us", sourceTsMs * 1000);
        source.put("ts_ns", sourceTsMs * 1_000_000);
        source.put("table", table);
        source.put("server_id", op.equals("r") ? 0 : 223344);
        source.put("gtid", op.equals("r") ? null : "0-223344-" + (100 + offset));
        source.put("file", "mysql-bin.000003");
        source.put("pos", 4_000 + offset * 350);
        source.put("row", 0);
        source.putNull("thread");
        source.putNull("query");
        return source;
    }

    private ObjectNode keyOf(JsonNode row) {
        ObjectNode key = JSON.createObjectNode();
        for (JsonNode field : keySchema.get("fields")) {
            String name = field.get("field").asText();
            key.set(name, row.get(name));
        }
        return key;
    }

    private static ObjectNode message(JsonNode schema, JsonNode payload) {
        ObjectNode message = JSON.createObjectNode();
        message.set("schema", schema);
        message.set("payload", payload);
        return message;
    }

    private static JsonNode parse(String json) {
        try {
            return json == null ? JSON.nullNode() : JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonConverter converter(boolean isKey) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "true"), isKey);
        return converter;
    }
}
