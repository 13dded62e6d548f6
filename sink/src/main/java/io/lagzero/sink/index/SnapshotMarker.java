package io.lagzero.sink.index;

import java.util.Set;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/** Reads Debezium's {@code source.snapshot} marker to tell when a table's snapshot records have all been sent. */
public final class SnapshotMarker {
    private static final Set<String> DURING_SNAPSHOT = Set.of("true", "first", "first_in_data_collection");

    private SnapshotMarker() {
    }

    /**
     * True for the last snapshot record of its table, for any change after the snapshot, and for a
     * record without the marker (a flattened row), whose snapshot state cannot be known.
     */
    public static boolean endsSnapshot(SinkRecord record) {
        if (!(record.value() instanceof Struct value) || value.schema().field("source") == null) {
            return true;
        }
        Struct source = value.getStruct("source");
        if (source == null || source.schema().field("snapshot") == null) {
            return true;
        }
        Object marker = source.get("snapshot");
        return marker == null || !DURING_SNAPSHOT.contains(marker.toString());
    }
}
