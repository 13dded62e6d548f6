package io.lagzero.sink.event;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.connect.data.Schema;

/** The columns of each row schema, made once per schema object ({@link SchemaIdentity}). */
final class ColumnsBySchema {
    private static final int MAX_SCHEMAS = 1_000;

    private final Function<Schema, List<Column>> columns;
    private final Map<SchemaIdentity, List<Column>> known = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SchemaIdentity, List<Column>> eldest) {
            return size() > MAX_SCHEMAS;
        }
    };

    ColumnsBySchema(Function<Schema, List<Column>> columns) {
        this.columns = columns;
    }

    synchronized List<Column> of(Schema rowSchema) {
        return known.computeIfAbsent(new SchemaIdentity(rowSchema), identity -> columns.apply(identity.schema()));
    }
}
