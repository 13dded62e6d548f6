package io.lagzero.control.verify;

import io.lagzero.sink.dialect.Dialect;
import io.lagzero.sink.dialect.Dialects;
import io.lagzero.sink.event.TableId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Compares one table row by row: both sides are read in primary-key order, each row is turned
 * into canonical text, each side's rows are hashed into a checksum on their own, and a merge on
 * the key finds missing, extra and different rows.
 */
public final class TableComparator {
    private static final int MAX_SAMPLES = 5;
    private static final int FETCH_SIZE = 5000;

    private final Connection source;
    private final Connection target;
    private final Dialect sourceDialect;
    private final Dialect targetDialect;
    private final String targetQualifier;

    /**
     * @param targetQualifier the target database (MariaDB) or schema (PostgreSQL) holding the tables
     */
    public TableComparator(Connection source, Connection target, String targetQualifier) throws SQLException {
        this.source = source;
        this.target = target;
        this.sourceDialect = Dialects.of(source);
        this.targetDialect = Dialects.of(target);
        this.targetQualifier = targetQualifier;
        CanonicalValue.useUtc(source);
        CanonicalValue.useUtc(target);
        sourceDialect.streamResults(source);
        targetDialect.streamResults(target);
    }

    public TableComparison compare(TableId table) throws SQLException {
        SourceColumns columns = SourceColumns.read(source, table);
        try (Statement s = source.createStatement(); Statement t = target.createStatement()) {
            s.setFetchSize(FETCH_SIZE);
            t.setFetchSize(FETCH_SIZE);
            try (ResultSet sourceRows = s.executeQuery(select(sourceDialect, table.database(), table.table(), columns));
                    ResultSet targetRows = t.executeQuery(select(targetDialect, targetQualifier, table.table(), columns))) {
                return merge(table, columns, new RowReader(sourceRows, columns), new RowReader(targetRows, columns));
            }
        } finally {
            if (!target.getAutoCommit()) {
                target.rollback();
            }
        }
    }

    private static String select(Dialect dialect, String qualifier, String table, SourceColumns columns) {
        return "SELECT " + columns.names().stream().map(c -> CanonicalValue.select(dialect, c, columns.kind(c)))
                        .collect(Collectors.joining(", "))
                + " FROM " + dialect.qualified(qualifier, table)
                + " ORDER BY " + columns.keyNames().stream().map(k -> CanonicalValue.orderKey(dialect, k, columns.isText(k)))
                        .collect(Collectors.joining(", "));
    }

    private static TableComparison merge(TableId table, SourceColumns columns, RowReader source, RowReader target)
            throws SQLException {
        long missing = 0;
        long extra = 0;
        long different = 0;
        List<String> samples = new ArrayList<>();
        Row s = source.next();
        Row t = target.next();
        while (s != null || t != null) {
            int order = s == null ? 1 : t == null ? -1 : s.compareKeyTo(t);
            if (order < 0) {
                missing++;
                sample(samples, "missing in target: " + s.describeKey(columns));
                s = source.next();
            } else if (order > 0) {
                extra++;
                sample(samples, "extra in target: " + t.describeKey(columns));
                t = target.next();
            } else {
                if (!s.text().equals(t.text())) {
                    different++;
                    sample(samples, "different " + s.describeKey(columns) + ": " + s.differences(t, columns));
                }
                s = source.next();
                t = target.next();
            }
        }
        return new TableComparison(table, source.count(), target.count(), source.checksum(), target.checksum(),
                missing, extra, different, List.copyOf(samples));
    }

    private static void sample(List<String> samples, String text) {
        if (samples.size() < MAX_SAMPLES) {
            samples.add(text);
        }
    }

    /** Streams rows of one side, counting and hashing them as they pass. */
    private static final class RowReader {
        private final ResultSet rs;
        private final SourceColumns columns;
        private final MessageDigest digest;
        private long count;

        RowReader(ResultSet rs, SourceColumns columns) {
            this.rs = rs;
            this.columns = columns;
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        Row next() throws SQLException {
            if (!rs.next()) {
                return null;
            }
            Row row = Row.read(rs, columns);
            digest.update(row.text().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
            count++;
            return row;
        }

        long count() {
            return count;
        }

        String checksum() {
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        }
    }

    /** The source's column names and primary key, which both sides are read by. */
    record SourceColumns(List<String> names, List<String> keyNames, List<String> textKeys, List<ColumnKind> kinds,
            List<Integer> keyPositions) {
        static SourceColumns read(Connection source, TableId table) throws SQLException {
            List<String> names = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            List<String> textKeys = new ArrayList<>();
            List<ColumnKind> kinds = new ArrayList<>();
            String sql = "SELECT COLUMN_NAME, COLUMN_KEY, DATA_TYPE FROM information_schema.COLUMNS "
                    + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";
            try (PreparedStatement ps = source.prepareStatement(sql)) {
                ps.setString(1, table.database());
                ps.setString(2, table.table());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                        kinds.add(ColumnKind.ofSourceType(rs.getString(3)));
                        if ("PRI".equals(rs.getString(2))) {
                            keys.add(rs.getString(1));
                            if (rs.getString(3).matches("(?i).*(char|text|enum|set)")) {
                                textKeys.add(rs.getString(1));
                            }
                        }
                    }
                }
            }
            if (names.isEmpty() || keys.isEmpty()) {
                throw new SQLException("Table " + table + " is missing on the source or has no primary key");
            }
            return new SourceColumns(names, keys, textKeys, kinds, keys.stream().map(names::indexOf).toList());
        }

        ColumnKind kind(String column) {
            return kinds.get(names.indexOf(column));
        }

        boolean isText(String column) {
            return textKeys.contains(column);
        }
    }
}
