package io.lagzero.control.verify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** One row as canonical values, its primary key first-class for the merge. */
record Row(List<Comparable<?>> values, List<Integer> keyPositions, String text) {

    static Row read(ResultSet rs, TableComparator.SourceColumns columns) throws SQLException {
        List<Comparable<?>> values = new ArrayList<>(columns.names().size());
        for (int i = 1; i <= columns.names().size(); i++) {
            values.add(CanonicalValue.read(rs, i, columns.kinds().get(i - 1)));
        }
        return of(values, columns.keyPositions());
    }

    static Row of(List<Comparable<?>> values, List<Integer> keyPositions) {
        StringBuilder text = new StringBuilder();
        for (Comparable<?> value : values) {
            text.append(CanonicalValue.text(value)).append('\u0001');
        }
        return new Row(values, keyPositions, text.toString());
    }

    /** The primary-key values, in key order. */
    List<Comparable<?>> key() {
        List<Comparable<?>> key = new ArrayList<>(keyPositions.size());
        for (int position : keyPositions) {
            key.add(values.get(position));
        }
        return key;
    }

    int compareKeyTo(List<Comparable<?>> key) {
        return compareKeys(key(), key);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compareKeys(List<Comparable<?>> a, List<Comparable<?>> b) {
        for (int i = 0; i < a.size(); i++) {
            int order = ((Comparable) a.get(i)).compareTo(b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    int compareKeyTo(Row other) {
        return compareKeys(key(), other.key());
    }

    String describeKey(TableComparator.SourceColumns columns) {
        List<String> parts = new ArrayList<>();
        for (int position : keyPositions) {
            parts.add(columns.names().get(position) + "=" + CanonicalValue.text(values.get(position)));
        }
        return String.join(", ", parts);
    }

    /** The columns whose values differ, with both values (source → target). */
    String differences(Row other, TableComparator.SourceColumns columns) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String mine = CanonicalValue.text(values.get(i));
            String theirs = CanonicalValue.text(other.values.get(i));
            if (!mine.equals(theirs)) {
                parts.add(columns.names().get(i) + ": " + printable(mine) + " → " + printable(theirs));
            }
        }
        return String.join("; ", parts);
    }

    private static String printable(String value) {
        String shown = value.equals(CanonicalValue.NULL) ? "NULL" : "'" + value + "'";
        return shown.length() > 80 ? shown.substring(0, 77) + "..." : shown;
    }
}
