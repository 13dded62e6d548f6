package io.lagzero.sink.backfill;

import io.lagzero.sink.event.Column;
import io.lagzero.sink.event.ValueKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Splits a table into segments that workers copy side by side. A table whose first key column is
 * an integer is cut into ranges of that column, evenly between its smallest and largest value (two
 * index lookups, no count and no scan); any other table is one segment. More segments than workers
 * let Kafka Connect tasks and workers that join later share the table.
 */
final class Segments {
    private static final Set<ValueKind> INTEGER_KINDS = Set.of(ValueKind.INT8, ValueKind.INT16, ValueKind.INT32, ValueKind.INT64);
    private static final long ROWS_PER_SEGMENT = 1_000_000;
    private static final int MAX_SEGMENTS = 256;

    private Segments() {
    }

    /** The segment boundaries for {@link CopyState#plan}: n + 1 values, the first and last null. */
    static List<String> bounds(Connection source, SourceTable table, BackfillSettings settings) throws SQLException {
        Column first = table.keyColumnDefinitions().get(0);
        if (!isInteger(first)) {
            return Arrays.asList(null, null);
        }
        long estimatedRows = estimatedRows(source, table);
        if (estimatedRows < 4L * settings.chunkRows()) {
            return Arrays.asList(null, null);
        }
        String column = ChunkReader.quote(first.name());
        String from = " FROM " + ChunkReader.quote(table.id().database()) + "." + ChunkReader.quote(table.id().table());
        BigInteger min = single(source, "SELECT " + column + from + " ORDER BY " + column + " LIMIT 1");
        BigInteger max = single(source, "SELECT " + column + from + " ORDER BY " + column + " DESC LIMIT 1");
        source.rollback();
        if (min == null || max == null) {
            return Arrays.asList(null, null);
        }
        int segments = (int) Math.min(MAX_SEGMENTS, Math.max(2L * settings.parallelism(), estimatedRows / ROWS_PER_SEGMENT));
        return even(min, max, segments);
    }

    private static boolean isInteger(Column column) {
        return INTEGER_KINDS.contains(column.kind())
                || column.kind() == ValueKind.DECIMAL && "0".equals(column.parameter("scale"));
    }

    private static long estimatedRows(Connection source, SourceTable table) throws SQLException {
        try (PreparedStatement statement = source.prepareStatement("SELECT TABLE_ROWS FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            statement.setString(1, table.id().database());
            statement.setString(2, table.id().table());
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static BigInteger single(Connection source, String sql) throws SQLException {
        try (PreparedStatement statement = source.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            BigDecimal value = rs.getBigDecimal(1);
            return value == null ? null : value.toBigInteger();
        }
    }

    /** n + 1 boundaries, the inner ones evenly spaced in {@code (min, max]}; fewer when the range is narrow. */
    static List<String> even(BigInteger min, BigInteger max, int segments) {
        List<String> bounds = new ArrayList<>();
        bounds.add(null);
        BigInteger span = max.subtract(min).add(BigInteger.ONE);
        for (int i = 1; i < segments; i++) {
            String bound = min.add(span.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(segments))).toString();
            if (!bound.equals(bounds.get(bounds.size() - 1)) && !bound.equals(min.toString())) {
                bounds.add(bound);
            }
        }
        bounds.add(null);
        return bounds;
    }
}
