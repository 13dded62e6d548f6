package io.lagzero.sink.mapping;

import io.lagzero.sink.event.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What happens to one source column on its way to the target. Names match case-insensitively, as
 * MySQL column names do; {@code table} may hold {@code *} wildcards.
 *
 * @param database the source database, exact
 * @param table the source table or a glob such as {@code page*} or {@code *}
 * @param column the source column
 * @param targetName the target column's name; null keeps the source name
 * @param exclude true when the column is not written at all
 * @param conversion how values are converted; null writes them as they are
 * @param targetType the target column's SQL type in CREATE TABLE/ADD COLUMN; null lets the dialect choose
 */
public record ColumnRule(String database, String table, String column, String targetName, boolean exclude,
        Conversion conversion, String targetType) {
    /** A type name with optional (precision[, scale]) and trailing words, e.g. {@code BIGINT UNSIGNED}. */
    private static final Pattern SQL_TYPE = Pattern.compile(
            "[A-Za-z][A-Za-z0-9_ ]*(\\(\\s*\\d+\\s*(,\\s*\\d+\\s*)?\\))?[A-Za-z0-9_ ]*");
    private static final int MAX_NAME_LENGTH = 64;

    public ColumnRule {
        requireName(database, "database", false);
        requireName(table, "table", true);
        requireName(column, "column", false);
        String path = database + "." + table + "." + column;
        if (exclude && (targetName != null || conversion != null || targetType != null)) {
            throw invalid(path, "excludes the column but also renames, converts or retypes it",
                    "keep exclude alone, or drop exclude");
        }
        if (!exclude && targetName == null && conversion == null && targetType == null) {
            throw invalid(path, "has no action", "add " + RuleParser.ACTIONS);
        }
        if (targetName != null && (targetName.isBlank() || targetName.length() > MAX_NAME_LENGTH
                || targetName.chars().anyMatch(Character::isISOControl))) {
            throw invalid(path, "renames to '" + targetName + "'", "use a target column name of 1 to "
                    + MAX_NAME_LENGTH + " characters, e.g. rename:user_signature");
        }
        if (targetType != null && !SQL_TYPE.matcher(targetType).matches()) {
            throw invalid(path, "has type '" + targetType + "', which is not a plain SQL type",
                    "write a type name with optional (precision[,scale]), "
                            + "e.g. type:NUMERIC(20,6) or type:BIGINT UNSIGNED");
        }
    }

    private static void requireName(String name, String what, boolean glob) {
        if (name == null || name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(ColumnMapping.CONFIG_KEY + ": a rule has " + what + " '" + name
                    + "'. Fix: name the column as <db>.<table>.<column>, e.g. shop.pageviews.user_sig");
        }
        if (!glob && name.contains("*")) {
            throw new IllegalArgumentException(ColumnMapping.CONFIG_KEY + ": a rule has " + what + " '" + name
                    + "' with a wildcard. Fix: use * only in the table part, e.g. shop.*.debug");
        }
    }

    static IllegalArgumentException invalid(String rule, String problem, String fix) {
        return new IllegalArgumentException(ColumnMapping.CONFIG_KEY + ": rule '" + rule + "' " + problem
                + ". Fix: " + fix);
    }

    /** The column's name in the target: {@link #targetName} or the source name. */
    public String targetColumn() {
        return targetName == null ? column : targetName;
    }

    /** True for the rule's database and a table the pattern matches; a table without a database matches none. */
    public boolean matchesTable(TableId id) {
        return id.database() != null && database.equalsIgnoreCase(id.database()) && glob(table, id.table());
    }

    public boolean matches(TableId id, String sourceColumn) {
        return column.equalsIgnoreCase(sourceColumn) && matchesTable(id);
    }

    /** True when both rules name the same column of the same table pattern. */
    boolean sameColumn(ColumnRule other) {
        return sameTables(other) && column.equalsIgnoreCase(other.column);
    }

    boolean sameTables(ColumnRule other) {
        return database.equalsIgnoreCase(other.database) && table.equalsIgnoreCase(other.table);
    }

    /** {@code *} matches any run of characters, case-insensitively. */
    static boolean glob(String pattern, String name) {
        String text = name.toLowerCase(Locale.ROOT);
        String[] parts = pattern.toLowerCase(Locale.ROOT).split("\\*", -1);
        if (parts.length == 1) {
            return text.equals(parts[0]);
        }
        if (!text.startsWith(parts[0]) || !text.substring(parts[0].length()).endsWith(parts[parts.length - 1])) {
            return false;
        }
        int from = parts[0].length();
        int end = text.length() - parts[parts.length - 1].length();
        for (int i = 1; i < parts.length - 1; i++) {
            int at = text.indexOf(parts[i], from);
            if (at < 0 || at + parts[i].length() > end) {
                return false;
            }
            from = at + parts[i].length();
        }
        return true;
    }

    /** The rule in {@code column.mapping} syntax. */
    @Override
    public String toString() {
        List<String> words = new ArrayList<>();
        words.add(database + "." + table + "." + column);
        if (targetName != null) {
            words.add("rename:" + targetName);
        }
        if (exclude) {
            words.add("exclude");
        }
        if (conversion != null) {
            words.add(conversion.action());
        }
        if (targetType != null) {
            words.add("type:" + targetType);
        }
        return String.join(" ", words);
    }
}
