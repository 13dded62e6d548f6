package io.lagzero.sink.naming;

import io.lagzero.sink.event.TableId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The target table name as a pattern over the change's origin: {@code ${source.table}},
 * {@code ${source.db}} and {@code ${topic}} (the record's original topic, before any transform).
 * The default, {@code ${source.table}}, gives the target table the source table's name.
 */
public record TableNameFormat(String pattern) {
    public static final String SOURCE_TABLE = "${source.table}";
    public static final String SOURCE_DB = "${source.db}";
    public static final String TOPIC = "${topic}";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final Set<String> KNOWN = Set.of("source.table", "source.db", "topic");
    public static final TableNameFormat DEFAULT = new TableNameFormat(SOURCE_TABLE);

    public TableNameFormat {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("the table name format is empty. Fix: use e.g. " + SOURCE_TABLE);
        }
        Matcher matcher = PLACEHOLDER.matcher(pattern);
        while (matcher.find()) {
            if (!KNOWN.contains(matcher.group(1))) {
                throw new IllegalArgumentException("the table name format '" + pattern + "' has an unknown placeholder "
                        + matcher.group() + ". Fix: use only " + SOURCE_TABLE + ", " + SOURCE_DB + " and " + TOPIC);
            }
        }
    }

    public boolean usesTopic() {
        return pattern.contains(TOPIC);
    }

    /** The target table name for a change of {@code table} read from {@code topic} (null if unknown). */
    public String resolve(TableId table, String topic) {
        if (pattern.equals(SOURCE_TABLE)) {
            return table.table();
        }
        Map<String, String> values = new HashMap<>();
        values.put("source.table", table.table());
        values.put("source.db", table.database());
        values.put("topic", topic);
        Matcher matcher = PLACEHOLDER.matcher(pattern);
        StringBuilder name = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("the table name format '" + pattern + "' needs " + matcher.group()
                        + ", which is unknown for source table " + table);
            }
            matcher.appendReplacement(name, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(name);
        return name.toString();
    }
}
