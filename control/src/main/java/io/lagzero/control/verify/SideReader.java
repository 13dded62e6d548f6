package io.lagzero.control.verify;

import io.lagzero.sink.dialect.Dialect;
import io.lagzero.sink.dialect.Dialects;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads one side of a table as canonical rows: the next chunk after a key (keyset pagination in
 * primary-key order, plain non-locking reads) or the rows of given keys. The source side applies
 * the sink's conversions, so both sides yield rows of the target's values.
 */
final class SideReader {
    private static final int KEYS_PER_QUERY = 200;

    private final Connection connection;
    private final Dialect dialect;
    private final TableLayout layout;
    private final boolean source;
    private final String table;
    private final String select;

    private SideReader(Connection connection, TableLayout layout, boolean source) throws SQLException {
        this.connection = connection;
        this.dialect = Dialects.of(connection);
        this.layout = layout;
        this.source = source;
        this.table = source ? dialect.qualified(layout.table().database(), layout.table().table())
                : dialect.qualified(layout.targetQualifier(), layout.targetTable());
        this.select = "SELECT " + layout.columns().stream().map(c -> CanonicalValue.select(dialect, name(c), c.kind()))
                .collect(Collectors.joining(", ")) + " FROM " + table;
    }

    static SideReader source(Connection connection, TableLayout layout) throws SQLException {
        return new SideReader(connection, layout, true);
    }

    static SideReader target(Connection connection, TableLayout layout) throws SQLException {
        return new SideReader(connection, layout, false);
    }

    /** At most {@code limit} rows with a key above {@code after} (null: from the start), in key order. */
    List<Row> after(List<Comparable<?>> after, int limit) throws SQLException {
        String sql = select + (after == null ? "" : " WHERE " + afterCondition()) + " ORDER BY " + order()
                + " LIMIT " + limit;
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            if (after != null) {
                int index = 1;
                List<ComparedColumn> keys = layout.keyColumns();
                for (int i = 0; i < keys.size(); i++) {
                    for (int j = 0; j <= i; j++) {
                        bind(ps, index++, after.get(j));
                    }
                }
            }
            return read(ps);
        }
    }

    /** The highest key on this side now, or null when the table is empty. */
    List<Comparable<?>> highestKey() throws SQLException {
        String descending = layout.keyColumns().stream().map(k -> orderExpression(k) + " DESC")
                .collect(Collectors.joining(", "));
        try (PreparedStatement ps = connection.prepareStatement(select + " ORDER BY " + descending + " LIMIT 1")) {
            List<Row> rows = read(ps);
            return rows.isEmpty() ? null : rows.get(0).key();
        }
    }

    /** The rows of exactly these keys that exist on this side, in key order. */
    List<Row> byKeys(List<List<Comparable<?>>> keys) throws SQLException {
        List<Row> rows = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += KEYS_PER_QUERY) {
            List<List<Comparable<?>>> batch = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_QUERY));
            try (PreparedStatement ps = connection.prepareStatement(select + " WHERE " + keyCondition(batch.size()))) {
                int index = 1;
                for (List<Comparable<?>> key : batch) {
                    for (Comparable<?> value : key) {
                        bind(ps, index++, value);
                    }
                }
                // Equality in the column's collation may match more than the exact key (e.g. 'A' for 'a').
                read(ps).stream().filter(row -> batch.stream().anyMatch(key -> sameKey(row.key(), key))).forEach(rows::add);
            }
        }
        rows.sort(Row::compareKeyTo);
        return rows;
    }

    /** Deletes the row of exactly this key (on the target, for a row the source does not have). */
    void delete(List<Comparable<?>> key) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + table + " WHERE " + keyCondition(1))) {
            for (int i = 0; i < key.size(); i++) {
                bind(ps, i + 1, key.get(i));
            }
            ps.executeUpdate();
        }
    }

    /** {@code (k1 > ?) OR (k1 = ? AND k2 > ?) OR ...}: rows after a key, in a form both range optimizers use. */
    private String afterCondition() {
        List<ComparedColumn> keys = layout.keyColumns();
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            List<String> terms = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                terms.add(orderExpression(keys.get(j)) + " = " + placeholder(keys.get(j)));
            }
            terms.add(orderExpression(keys.get(i)) + " > " + placeholder(keys.get(i)));
            alternatives.add("(" + String.join(" AND ", terms) + ")");
        }
        return String.join(" OR ", alternatives);
    }

    private String keyCondition(int keys) {
        List<ComparedColumn> keyColumns = layout.keyColumns();
        String one = "(" + keyColumns.stream().map(k -> dialect.quote(name(k)) + " = " + placeholder(k))
                .collect(Collectors.joining(" AND ")) + ")";
        return String.join(" OR ", Collections.nCopies(keys, one));
    }

    private String order() {
        return layout.keyColumns().stream().map(this::orderExpression).collect(Collectors.joining(", "));
    }

    /** Character keys are ordered by their bytes on both sides, as the merge in Java orders them. */
    private String orderExpression(ComparedColumn key) {
        return CanonicalValue.orderKey(dialect, name(key), key.text());
    }

    /** Values are bound as text (bytes as bytes), cast to the column's type where the dialect needs it. */
    private String placeholder(ComparedColumn key) {
        if (!dialect.strictParameterTypes() || key.targetType().toLowerCase(Locale.ROOT).equals("bytea")) {
            return "?";
        }
        return "CAST(? AS " + key.targetType() + ")";
    }

    private void bind(PreparedStatement ps, int index, Comparable<?> value) throws SQLException {
        if (value instanceof CanonicalValue.Bytes bytes) {
            ps.setBytes(index, bytes.value());
        } else if (!dialect.strictParameterTypes() && value instanceof BigDecimal decimal) {
            // Uncast, a text parameter would be compared with a DECIMAL column as a double.
            ps.setBigDecimal(index, decimal);
        } else if (value instanceof LocalDateTime dateTime) {
            ps.setString(index, dateTime.toLocalDate() + " " + dateTime.toLocalTime());
        } else {
            ps.setString(index, CanonicalValue.text(value));
        }
    }

    private String name(ComparedColumn column) {
        return source ? column.source() : column.target();
    }

    private List<Row> read(PreparedStatement ps) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            List<ComparedColumn> columns = layout.columns();
            while (rs.next()) {
                List<Comparable<?>> values = new ArrayList<>(columns.size());
                for (int i = 0; i < columns.size(); i++) {
                    Comparable<?> value = CanonicalValue.read(rs, i + 1, columns.get(i).kind());
                    values.add(source ? converted(value, columns.get(i)) : value);
                }
                rows.add(Row.of(values, layout.keyPositions()));
            }
        }
        return rows;
    }

    /** The value the sink writes for a source value; one it cannot convert never equals a target value. */
    private static Comparable<?> converted(Comparable<?> value, ComparedColumn column) {
        if (column.conversion() == null || value == null) {
            return value;
        }
        try {
            return new CanonicalValue.Bytes((byte[]) column.conversion().convert(value));
        } catch (IllegalArgumentException e) {
            return "\u0000not convertible by " + column.conversion().action() + ": " + e.getMessage();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static boolean sameKey(List<Comparable<?>> a, List<Comparable<?>> b) {
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) == null || b.get(i) == null || ((Comparable) a.get(i)).compareTo(b.get(i)) != 0) {
                return false;
            }
        }
        return true;
    }
}
