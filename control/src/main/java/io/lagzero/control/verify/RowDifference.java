package io.lagzero.control.verify;

import java.util.List;
import java.util.Map;

/**
 * A row that is not the same on both sides.
 *
 * @param key the primary key, source column name → value
 * @param keyValues the key as canonical values, to read the row again
 * @param columns for {@link Kind#DIFFERENT}: the columns whose values differ
 */
public record RowDifference(Kind kind, Map<String, String> key, List<Comparable<?>> keyValues,
        List<ColumnDifference> columns) {

    public enum Kind {
        /** In the source, not in the target. */
        MISSING,
        /** In the target, not in the source. */
        EXTRA,
        /** In both, with different values. */
        DIFFERENT
    }

    /**
     * @param source the source column's name
     * @param target the target column's name
     * @param sourceValue the source value as compared (null for NULL)
     * @param targetValue the target value as compared (null for NULL)
     */
    public record ColumnDifference(String source, String target, String sourceValue, String targetValue) {
    }

    /** One line: {@code different id=7: name 'a' → 'b'}. */
    public String describe() {
        String keyText = key.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .reduce((a, b) -> a + ", " + b).orElse("");
        return switch (kind) {
            case MISSING -> "missing in target: " + keyText;
            case EXTRA -> "extra in target: " + keyText;
            case DIFFERENT -> "different " + keyText + ": " + columns.stream()
                    .map(c -> c.source() + " " + quoted(c.sourceValue()) + " → " + quoted(c.targetValue()))
                    .reduce((a, b) -> a + "; " + b).orElse("");
        };
    }

    private static String quoted(String value) {
        return value == null ? "NULL" : "'" + value + "'";
    }
}
