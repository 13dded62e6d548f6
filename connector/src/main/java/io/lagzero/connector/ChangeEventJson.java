package io.lagzero.connector;

import java.util.Map;
import org.apache.kafka.connect.storage.Converter;

/**
 * The one JSON format of change events in Kafka, written by the source and read by the sink:
 * Kafka Connect's JSON with the schema in every message. A NULL stays NULL: by default the
 * converter replaces a null by the column's default value, which would turn NULL into 'default'.
 */
public final class ChangeEventJson {
    /** The converter settings, for the writing side here and any converter that reads it. */
    public static final Map<String, String> SETTINGS = Map.of("schemas.enable", "true", "replace.null.with.default", "false");

    private ChangeEventJson() {
    }

    /** {@code converter} (a JsonConverter or one that writes what it writes) configured with {@link #SETTINGS}. */
    public static <C extends Converter> C configured(C converter, boolean isKey) {
        converter.configure(SETTINGS, isKey);
        return converter;
    }
}
