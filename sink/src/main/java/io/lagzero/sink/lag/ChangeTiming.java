package io.lagzero.sink.lag;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * When one change was committed on the source and when it reached Kafka, read from the record
 * without decoding its row.
 *
 * @param table the source table, {@code db.table}
 * @param commitMicros source commit time, µs since the epoch: a heartbeat row's own write time
 *     (µs precise), else Debezium's {@code source.ts_ms} (binlog events have whole seconds), else
 *     the Kafka timestamp
 * @param kafkaMillis the Kafka record timestamp (when the source produced it), or 0 if it has none
 * @param heartbeat whether this is a row of the {@value #HEARTBEAT_TABLE} table
 * @param snapshot where the change stands in Debezium's initial snapshot
 */
public record ChangeTiming(String table, long commitMicros, long kafkaMillis, boolean heartbeat, SnapshotMark snapshot) {
    public static final String HEARTBEAT_TABLE = "lagzero_heartbeat";
    public static final String HEARTBEAT_WRITTEN_AT = "written_at_us";

    /** Whether {@code db.table} names a heartbeat table. */
    public static boolean isHeartbeatTable(String qualifiedTable) {
        return HEARTBEAT_TABLE.equalsIgnoreCase(qualifiedTable.substring(qualifiedTable.indexOf('.') + 1));
    }

    /** Debezium's {@code source.snapshot} marker, as far as progress needs it. */
    public enum SnapshotMark {
        /** A binlog change, after the snapshot. */
        STREAMING,
        /** A snapshot row. */
        ROW,
        /** The last snapshot row of its table ({@code last_in_data_collection}). */
        LAST_OF_TABLE,
        /** The last snapshot row of all ({@code last}). */
        LAST
    }

    /**
     * True for the last snapshot record of its table, for any change after the snapshot, and for a
     * record that is not a Debezium change at all (its snapshot state cannot be known).
     */
    public static boolean endsSnapshot(SinkRecord record) {
        return of(record).map(timing -> timing.snapshot() != SnapshotMark.ROW).orElse(true);
    }

    /** The timings of the change events among {@code records}. */
    public static List<ChangeTiming> of(List<SinkRecord> records) {
        List<ChangeTiming> timings = new ArrayList<>(records.size());
        for (SinkRecord record : records) {
            of(record).ifPresent(timings::add);
        }
        return timings;
    }

    /** The timing of a change event; empty for a tombstone or a record that is not a Debezium change. */
    public static Optional<ChangeTiming> of(SinkRecord record) {
        if (!(record.value() instanceof Struct value)) {
            return Optional.empty();
        }
        long kafkaMillis = record.timestamp() == null || record.timestamp() < 0 ? 0 : record.timestamp();
        Schema schema = value.schema();
        if (schema.field("source") != null && schema.field("op") != null && value.getStruct("source") != null) {
            return Optional.of(envelope(value, kafkaMillis));
        }
        if (schema.field("__source_ts_ms") != null && schema.field("__table") != null && schema.field("__db") != null) {
            return Optional.of(flattened(value, kafkaMillis));
        }
        return Optional.empty();
    }

    private static ChangeTiming envelope(Struct value, long kafkaMillis) {
        Struct source = value.getStruct("source");
        String table = source.getString("table");
        Struct row = value.schema().field("after") == null ? null : value.getStruct("after");
        String op = value.getString("op");
        SnapshotMark mark = "r".equals(op) ? snapshotMark(source) : SnapshotMark.STREAMING;
        return timing(source.getString("db"), table, number(source.get("ts_ms")), row, kafkaMillis, mark);
    }

    private static ChangeTiming flattened(Struct value, long kafkaMillis) {
        return timing((String) value.get("__db"), (String) value.get("__table"), number(value.get("__source_ts_ms")),
                value, kafkaMillis, SnapshotMark.STREAMING);
    }

    private static ChangeTiming timing(String db, String table, long tsMillis, Struct row, long kafkaMillis, SnapshotMark mark) {
        boolean heartbeat = HEARTBEAT_TABLE.equalsIgnoreCase(table);
        // Without a source time (a flattened row without __source_ts_ms), Kafka's is the closest known.
        long commitMicros = (tsMillis > 0 ? tsMillis : kafkaMillis) * 1000;
        if (heartbeat && row != null && row.schema().field(HEARTBEAT_WRITTEN_AT) != null
                && row.get(HEARTBEAT_WRITTEN_AT) instanceof Number writtenAt) {
            commitMicros = writtenAt.longValue();
        }
        return new ChangeTiming(db + "." + table, commitMicros, kafkaMillis, heartbeat, mark);
    }

    private static SnapshotMark snapshotMark(Struct source) {
        Object marker = source.schema().field("snapshot") == null ? null : source.get("snapshot");
        if ("last".equals(marker)) {
            return SnapshotMark.LAST;
        }
        return "last_in_data_collection".equals(marker) ? SnapshotMark.LAST_OF_TABLE : SnapshotMark.ROW;
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0L;
    }
}
