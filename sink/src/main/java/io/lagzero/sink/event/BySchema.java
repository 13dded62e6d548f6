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

    /** The schema asked for last, checked first and without the lock: records mostly repeat their schema. */
    private volatile Derived<T> last;

    private record Derived<T>(Schema schema, T value) {
    }

    BySchema(Function<Schema, T> derive) {
        this.derive = derive;
    }

    T of(Schema schema) {
        Derived<T> recent = last;
        if (recent != null && recent.schema() == schema) {
            return recent.value();
        }
        T value;
        synchronized (this) {
            value = known.computeIfAbsent(new SchemaIdentity(schema), identity -> derive.apply(identity.schema()));
        }
        last = new Derived<>(schema, value);
        return value;
    }
}
