package io.lagzero.sink.connect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lagzero.sink.event.SchemaIdentity;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.ConverterType;
import org.apache.kafka.connect.storage.StringConverterConfig;

/**
 * Kafka's {@link JsonConverter} with {@code schemas.enable=true}, byte for byte and value for value,
 * without handling the schema in every record. Debezium repeats the table's whole schema in every
 * message; JsonConverter parses it and hashes the parsed tree for every record it reads (three
 * quarters of a sink task's CPU in our profile), and hashes and writes it out for every record it
 * writes.
 *
 * <p>Reading: a schema seen before is recognised by its bytes, and only the payload goes to a
 * JsonConverter configured with that schema ({@code schema.content}, Kafka 3.8+). Writing: the
 * schema's JSON is made once per schema object and only the payload is converted per record.
 * Anything else (another layout, no schema, an older Connect) goes to a plain JsonConverter with
 * the same settings.
 *
 * <p>Like every converter Connect creates, an instance serves one task thread.
 */
public class CachedSchemaJsonConverter implements Converter {
    private static final byte[] HEAD = "{\"schema\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] MIDDLE = ",\"payload\":".getBytes(StandardCharsets.UTF_8);
    private static final int MAX_SCHEMAS = 1_000;

    private static final byte[] TAIL = "}".getBytes(StandardCharsets.UTF_8);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonConverter plain = new JsonConverter();
    private final JsonConverter payloadWriter = new JsonConverter();
    private final Map<SchemaIdentity, byte[]> headsBySchema = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SchemaIdentity, byte[]> eldest) {
            return size() > MAX_SCHEMAS;
        }
    };
    private final Map<String, Envelope> lastByTopic = new HashMap<>();
    private final Map<String, KnownSchema> bySchema = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, KnownSchema> eldest) {
            return size() > MAX_SCHEMAS;
        }
    };
    private PayloadReader payloads;
    private Map<String, Object> settings;
    private boolean isKey;
    private boolean cached;

    /** A schema read once: as Connect's schema, and a JsonConverter that takes payloads of it. */
    private record KnownSchema(Schema schema, JsonConverter converter) {
    }

    /** The bytes before the payload ({@code {"schema":…,"payload":}) and their schema. */
    private record Envelope(byte[] head, KnownSchema known) {
        boolean frames(byte[] value) {
            return value.length > head.length && value[value.length - 1] == '}'
                    && Arrays.equals(value, 0, head.length, head, 0, head.length);
        }
    }

    @Override
    public ConfigDef config() {
        return JsonConverterConfig.configDef();
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.settings = new HashMap<>(configs);
        this.isKey = isKey;
        plain.configure(configs, isKey);
        Map<String, Object> withoutEnvelope = new HashMap<>(configs);
        withoutEnvelope.put(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "false");
        payloadWriter.configure(withoutEnvelope, isKey);
        Map<String, Object> typed = new HashMap<>(configs);
        typed.put(StringConverterConfig.TYPE_CONFIG, (isKey ? ConverterType.KEY : ConverterType.VALUE).getName());
        JsonConverterConfig config = new JsonConverterConfig(typed);
        payloads = new PayloadReader(config.replaceNullWithDefault());
        cached = config.schemasEnabled()
                && !configs.containsKey(JsonConverterConfig.SCHEMA_CONTENT_CONFIG)
                && JsonConverterConfig.configDef().names().contains(JsonConverterConfig.SCHEMA_CONTENT_CONFIG);
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        if (!cached || schema == null) {
            return plain.fromConnectData(topic, schema, value);
        }
        byte[] head = headsBySchema.computeIfAbsent(new SchemaIdentity(schema), this::headOf);
        byte[] payload = payloadWriter.fromConnectData(topic, schema, value);
        byte[] message = Arrays.copyOf(head, head.length + payload.length + TAIL.length);
        System.arraycopy(payload, 0, message, head.length, payload.length);
        System.arraycopy(TAIL, 0, message, head.length + payload.length, TAIL.length);
        return message;
    }

    /** {@code {"schema":<the schema as JsonConverter writes it>,"payload":}. */
    private byte[] headOf(SchemaIdentity key) {
        try {
            byte[] schema = JSON.writeValueAsBytes(plain.asJsonSchema(key.schema()));
            byte[] head = Arrays.copyOf(HEAD, HEAD.length + schema.length + MIDDLE.length);
            System.arraycopy(schema, 0, head, HEAD.length, schema.length);
            System.arraycopy(MIDDLE, 0, head, HEAD.length + schema.length, MIDDLE.length);
            return head;
        } catch (JsonProcessingException e) {
            throw new DataException("Cannot write the schema of " + key.schema().name() + " as JSON", e);
        }
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        if (!cached || value == null) {
            return plain.toConnectData(topic, value);
        }
        Envelope envelope = lastByTopic.get(topic);
        if (envelope == null || !envelope.frames(value)) {
            envelope = envelopeOf(value);
            if (envelope == null) {
                return plain.toConnectData(topic, value);
            }
            lastByTopic.put(topic, envelope);
        }
        int payloadLength = value.length - 1 - envelope.head().length;
        Object read = payloads.read(envelope.known().schema(), value, envelope.head().length, payloadLength);
        if (read != PayloadReader.UNREAD) {
            return new SchemaAndValue(envelope.known().schema(), read);
        }
        return envelope.known().converter().toConnectData(topic, Arrays.copyOfRange(value, envelope.head().length, value.length - 1));
    }

    /** The envelope of {@code value} when it is laid out as JsonConverter writes it, else null. */
    private Envelope envelopeOf(byte[] value) {
        if (value.length < HEAD.length + MIDDLE.length + 2 || !Arrays.equals(value, 0, HEAD.length, HEAD, 0, HEAD.length)
                || value[HEAD.length] != '{' || value[value.length - 1] != '}') {
            return null;
        }
        int schemaEnd = endOfObject(value, HEAD.length);
        int payloadStart = schemaEnd + MIDDLE.length;
        if (schemaEnd < 0 || payloadStart >= value.length
                || !Arrays.equals(value, schemaEnd, payloadStart, MIDDLE, 0, MIDDLE.length)) {
            return null;
        }
        String schema = new String(value, HEAD.length, schemaEnd - HEAD.length, StandardCharsets.UTF_8);
        return new Envelope(Arrays.copyOf(value, payloadStart), bySchema.computeIfAbsent(schema, this::read));
    }

    private KnownSchema read(String schema) {
        Map<String, Object> configs = new HashMap<>(settings);
        configs.put(JsonConverterConfig.SCHEMA_CONTENT_CONFIG, schema);
        JsonConverter converter = new JsonConverter();
        converter.configure(configs, isKey);
        try {
            return new KnownSchema(plain.asConnectSchema(JSON.readTree(schema)), converter);
        } catch (JsonProcessingException e) {
            throw new DataException("The schema of a record is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The index just after the JSON object that starts at {@code start}, or -1 if it does not end. */
    static int endOfObject(byte[] json, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < json.length; i++) {
            byte b = json[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if ((b == '}' || b == ']') && --depth == 0) {
                return i + 1;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        plain.close();
        bySchema.values().forEach(known -> known.converter().close());
    }
}
