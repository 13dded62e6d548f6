package io.lagzero.control.verify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hashes a side's rows of a chunk, and merges both sides' rows on the key into differences. */
final class RowMerge {
    private static final int MAX_VALUE_LENGTH = 200;

    private RowMerge() {
    }

    /** SHA-256 over the rows' canonical texts, in key order. */
    static byte[] digest(List<Row> rows) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Row row : rows) {
                digest.update(row.text().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\n');
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Both lists in key order; the result in key order. */
    static List<RowDifference> differences(List<Row> source, List<Row> target, TableLayout layout) {
        List<RowDifference> differences = new ArrayList<>();
        int s = 0;
        int t = 0;
        while (s < source.size() || t < target.size()) {
            int order = s == source.size() ? 1 : t == target.size() ? -1 : source.get(s).compareKeyTo(target.get(t));
            if (order < 0) {
                differences.add(difference(RowDifference.Kind.MISSING, source.get(s++), List.of(), layout));
            } else if (order > 0) {
                differences.add(difference(RowDifference.Kind.EXTRA, target.get(t++), List.of(), layout));
            } else {
                Row sourceRow = source.get(s++);
                Row targetRow = target.get(t++);
                if (!sourceRow.text().equals(targetRow.text())) {
                    differences.add(difference(RowDifference.Kind.DIFFERENT, sourceRow,
                            columns(sourceRow, targetRow, layout), layout));
                }
            }
        }
        return differences;
    }

    private static RowDifference difference(RowDifference.Kind kind, Row row,
            List<RowDifference.ColumnDifference> columns, TableLayout layout) {
        Map<String, String> key = new LinkedHashMap<>();
        List<Comparable<?>> keyValues = row.key();
        List<ComparedColumn> keyColumns = layout.keyColumns();
        for (int i = 0; i < keyColumns.size(); i++) {
            key.put(keyColumns.get(i).source(), shown(keyValues.get(i)));
        }
        return new RowDifference(kind, key, keyValues, columns);
    }

    private static List<RowDifference.ColumnDifference> columns(Row source, Row target, TableLayout layout) {
        List<RowDifference.ColumnDifference> columns = new ArrayList<>();
        for (int i = 0; i < layout.columns().size(); i++) {
            String mine = CanonicalValue.text(source.values().get(i));
            String theirs = CanonicalValue.text(target.values().get(i));
            if (!mine.equals(theirs)) {
                ComparedColumn column = layout.columns().get(i);
                columns.add(new RowDifference.ColumnDifference(column.source(), column.target(),
                        shown(source.values().get(i)), shown(target.values().get(i))));
            }
        }
        return columns;
    }

    private static String shown(Comparable<?> value) {
        if (value == null) {
            return null;
        }
        String text = CanonicalValue.text(value);
        return text.length() > MAX_VALUE_LENGTH ? text.substring(0, MAX_VALUE_LENGTH - 3) + "..." : text;
    }
}
