package io.lagzero.sink.apply;

import java.util.Comparator;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Where in the source's binlog a change was read ({@code source.file}, {@code source.pos},
 * {@code source.row} of a Debezium MySQL/MariaDB envelope): orders changes of one table across
 * Kafka partitions, which Kafka itself does not.
 */
record SourcePosition(long fileNumber, long position, long row) implements Comparable<SourcePosition> {
    private static final Comparator<SourcePosition> ORDER = Comparator.comparingLong(SourcePosition::fileNumber)
            .thenComparingLong(SourcePosition::position).thenComparingLong(SourcePosition::row);

    /** The record's position, or null when it carries none (a flattened row without source fields). */
    static SourcePosition of(SinkRecord record) {
        if (!(record.value() instanceof Struct value) || value.schema().field("source") == null) {
            return null;
        }
        Struct source = value.getStruct("source");
        if (source == null || source.schema().field("file") == null || source.schema().field("pos") == null) {
            return null;
        }
        String file = source.getString("file");
        Object pos = source.get("pos");
        Object row = source.schema().field("row") == null ? null : source.get("row");
        if (file == null || !(pos instanceof Number)) {
            return null;
        }
        return new SourcePosition(numberOf(file), ((Number) pos).longValue(), row instanceof Number n ? n.longValue() : 0);
    }

    /** binlog.000042 → 42; a file name without a number sorts first. */
    private static long numberOf(String file) {
        String digits = file.substring(file.lastIndexOf('.') + 1);
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public int compareTo(SourcePosition other) {
        return ORDER.compare(this, other);
    }
}
