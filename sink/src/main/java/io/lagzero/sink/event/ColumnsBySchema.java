package io.lagzero.sink.event;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.connect.data.Schema;

/**
 * The columns of each row schema, made once. Converters hand out one {@link Schema} object per
 * schema they read, so the object itself is the key: comparing schemas by value would cost more
 * than building the columns.
 */
final class ColumnsBySchema {
    private static final int MAX_SCHEMAS = 1_000;

    private record Identity(Schema schema) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity that && that.schema == schema;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(schema);
        }
    }

    private final Function<Schema, List<Column>> columns;
    private final Map<Identity, List<Column>> known = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Identity, List<Column>> eldest) {
            return size() > MAX_SCHEMAS;
        }
    };

    ColumnsBySchema(Function<Schema, List<Column>> columns) {
        this.columns = columns;
    }

    synchronized List<Column> of(Schema rowSchema) {
        return known.computeIfAbsent(new Identity(rowSchema), identity -> columns.apply(identity.schema()));
    }
}
