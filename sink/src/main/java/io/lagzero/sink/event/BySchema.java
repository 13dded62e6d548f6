package io.lagzero.sink.event;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.connect.data.Schema;

/** Something derived from a schema, made once per schema object ({@link SchemaIdentity}). */
final class BySchema<T> {
    private static final int MAX_SCHEMAS = 1_000;

    private final Function<Schema, T> derive;
    private final Map<SchemaIdentity, T> known = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SchemaIdentity, T> eldest) {
            return size() > MAX_SCHEMAS;
        }
    };

    BySchema(Function<Schema, T> derive) {
        this.derive = derive;
    }

    synchronized T of(Schema schema) {
        return known.computeIfAbsent(new SchemaIdentity(schema), identity -> derive.apply(identity.schema()));
    }
}
