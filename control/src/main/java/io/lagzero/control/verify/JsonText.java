package io.lagzero.control.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * JSON documents as one text per meaning: object keys sorted, no insignificant whitespace,
 * numbers kept exactly. MariaDB stores JSON as the text it was given, PostgreSQL {@code jsonb}
 * reorders keys and spacing; both compare equal when they hold the same document.
 */
final class JsonText {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    private JsonText() {
    }

    /** The canonical text, or the value itself when it is not JSON (then it compares as text). */
    static String canonical(String value) {
        try {
            return MAPPER.writeValueAsString(MAPPER.readValue(value, Object.class));
        } catch (JsonProcessingException e) {
            return value;
        }
    }
}
