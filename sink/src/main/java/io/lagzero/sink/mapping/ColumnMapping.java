package io.lagzero.sink.mapping;

import io.lagzero.sink.event.ChangeEvent;
import io.lagzero.sink.event.Column;
import io.lagzero.sink.event.TableId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The declared column mapping of every table: which source columns are renamed, excluded,
 * converted or given another target type. The sink applies it to each change event; a verifier
 * asks it, per source table and column, for the target column, the conversion and the type.
 * For a column the first matching rule, in declaration order, applies.
 *
 * <p>Syntax: rules separated by {@code ;}, each {@code <db>.<table>.<column> <action> [<action> ...]}
 * with actions {@code rename:<target_name>}, {@code exclude}, {@code hex_to_binary} and
 * {@code type:<SQL type>} (last, it takes the rest of the rule), e.g.
 * {@code shop.pageviews.user_sig rename:user_signature hex_to_binary; shop.*.debug exclude}.
 */
public final class ColumnMapping {
    public static final String CONFIG_KEY = "column.mapping";
    public static final ColumnMapping EMPTY = new ColumnMapping(List.of());

    private final List<ColumnRule> rules;

    /** @throws IllegalArgumentException naming {@value #CONFIG_KEY} when two rules contradict each other */
    public ColumnMapping(List<ColumnRule> rules) {
        this.rules = List.copyOf(rules);
        for (int i = 0; i < this.rules.size(); i++) {
            for (int j = 0; j < i; j++) {
                checkCompatible(this.rules.get(j), this.rules.get(i));
            }
        }
    }

    private static void checkCompatible(ColumnRule first, ColumnRule second) {
        if (first.sameColumn(second)) {
            throw ColumnRule.invalid(second.toString(), "names the same column as rule '" + first + "'",
                    "merge the two rules into one");
        }
        if (first.sameTables(second) && !first.exclude() && !second.exclude()
                && first.targetColumn().equalsIgnoreCase(second.targetColumn())) {
            throw ColumnRule.invalid(second.toString(), "gives the same target column as rule '" + first + "'",
                    "rename the columns to different names");
        }
    }

    /**
     * Reads the {@value #CONFIG_KEY} syntax; null or blank is the empty mapping.
     *
     * @throws IllegalArgumentException naming {@value #CONFIG_KEY}, the rule and the fix
     */
    public static ColumnMapping parse(String text) {
        return new ColumnMapping(RuleParser.parse(text));
    }

    public List<ColumnRule> rules() {
        return rules;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The rule for a source column; empty when the column is written unchanged. */
    public Optional<ColumnRule> ruleFor(TableId table, String column) {
        return rules.stream().filter(rule -> rule.matches(table, column)).findFirst();
    }

    /** The target column's name; empty when the column is excluded. */
    public Optional<String> targetName(TableId table, String column) {
        Optional<ColumnRule> rule = ruleFor(table, column);
        return rule.isPresent() && rule.get().exclude() ? Optional.empty()
                : Optional.of(rule.map(ColumnRule::targetColumn).orElse(column));
    }

    /** The conversion of the column's values; empty when they are written as they are. */
    public Optional<Conversion> conversion(TableId table, String column) {
        return ruleFor(table, column).map(ColumnRule::conversion);
    }

    /** The declared target SQL type; empty when the dialect chooses it from the source type. */
    public Optional<String> targetType(TableId table, String column) {
        return ruleFor(table, column).map(ColumnRule::targetType);
    }

    /**
     * The event with its columns, row and key mapped; the event itself when no rule names its table.
     *
     * @throws ColumnMappingException naming the table and column when a value cannot be converted,
     *     a key column is excluded or converted, or two columns would get the same target name
     */
    public ChangeEvent apply(ChangeEvent event) {
        TableId table = event.table();
        if (rules.isEmpty() || rules.stream().noneMatch(rule -> rule.matchesTable(table))) {
            return event;
        }
        Map<String, ColumnRule> applied = new LinkedHashMap<>();
        for (Column column : event.columns()) {
            ruleFor(table, column.name()).ifPresent(rule -> applied.put(column.name(), rule));
        }
        if (applied.isEmpty()) {
            return event;
        }
        checkKey(table, event.keyColumns(), applied);
        List<Column> columns = new ArrayList<>(event.columns().size());
        for (Column column : event.columns()) {
            ColumnRule rule = applied.get(column.name());
            if (rule == null) {
                columns.add(column);
            } else if (!rule.exclude()) {
                columns.add(mapColumn(table, rule, column));
            }
        }
        checkUnique(table, columns);
        List<String> keyColumns = event.keyColumns().stream().map(name -> targetOf(name, applied)).toList();
        return new ChangeEvent(table, event.operation(), List.copyOf(columns), keyColumns,
                values(table, event.key(), applied), values(table, event.row(), applied), event.sourceTsMs(),
                event.position());
    }

    private static Column mapColumn(TableId table, ColumnRule rule, Column column) {
        try {
            return MappedColumns.map(rule, column);
        } catch (IllegalArgumentException e) {
            throw failure(table, column.name(), e.getMessage(),
                    "correct the rule '" + rule + "' or the source column", e);
        }
    }

    private static void checkKey(TableId table, List<String> keyColumns, Map<String, ColumnRule> applied) {
        for (String key : keyColumns) {
            ColumnRule rule = applied.get(key);
            if (rule != null && (rule.exclude() || rule.conversion() != null)) {
                throw failure(table, key, "is a primary-key column, which cannot be excluded or converted",
                        "remove " + (rule.exclude() ? "exclude" : rule.conversion().action()) + " from rule '" + rule
                                + "' (rename and type: are allowed on key columns)", null);
            }
        }
    }

    private static void checkUnique(TableId table, List<Column> columns) {
        Set<String> seen = new HashSet<>();
        for (Column column : columns) {
            if (!seen.add(column.name().toLowerCase(Locale.ROOT))) {
                throw failure(table, column.name(), "would be written twice: a rename gives another column its name",
                        "rename to a name the table does not have", null);
            }
        }
    }

    private static String targetOf(String column, Map<String, ColumnRule> applied) {
        ColumnRule rule = applied.get(column);
        return rule == null ? column : rule.targetColumn();
    }

    private static Map<String, Object> values(TableId table, Map<String, Object> values,
            Map<String, ColumnRule> applied) {
        Map<String, Object> mapped = new LinkedHashMap<>();
        values.forEach((column, value) -> {
            ColumnRule rule = applied.get(column);
            if (rule == null) {
                mapped.put(column, value);
            } else if (!rule.exclude()) {
                mapped.put(rule.targetColumn(), convert(table, column, rule, value));
            }
        });
        return Collections.unmodifiableMap(mapped);
    }

    private static Object convert(TableId table, String column, ColumnRule rule, Object value) {
        if (rule.conversion() == null) {
            return value;
        }
        try {
            return rule.conversion().convert(value);
        } catch (IllegalArgumentException e) {
            throw failure(table, column, rule.conversion().action() + " failed: " + e.getMessage(),
                    "correct the source value or remove " + rule.conversion().action() + " from rule '" + rule + "'",
                    e);
        }
    }

    private static ColumnMappingException failure(TableId table, String column, String problem, String fix,
            Throwable cause) {
        return new ColumnMappingException(table, CONFIG_KEY + ": column " + table + "." + column + " " + problem
                + ". Fix: " + fix, cause);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ColumnMapping mapping && mapping.rules.equals(rules);
    }

    @Override
    public int hashCode() {
        return rules.hashCode();
    }

    /** The rules in {@value #CONFIG_KEY} syntax. */
    @Override
    public String toString() {
        return rules.stream().map(ColumnRule::toString).collect(Collectors.joining("; "));
    }
}
