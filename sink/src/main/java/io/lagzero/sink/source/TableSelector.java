package io.lagzero.sink.source;

import io.lagzero.sink.event.TableId;
import io.lagzero.sink.lag.ChangeTiming;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A table selection: {@code db.table} entries, where {@code *} and {@code ?} are globs
 * ({@code app.*}, {@code app.page*}), as {@code lagzero run --tables} and the sink's
 * {@code backfill.tables} take it.
 */
public record TableSelector(List<String> patterns) {
    /**
     * The tables lagzero keeps on the source for itself (the heartbeat and the signal table): never
     * part of a selection, so no command copies, verifies, counts or lists them as application tables.
     */
    public static final String SIGNAL_TABLE = "lagzero_signals";
    private static final Set<String> OWN_TABLES = Set.of(ChangeTiming.HEARTBEAT_TABLE, SIGNAL_TABLE);

    /** @throws IllegalArgumentException when empty or an entry is not {@code DATABASE.TABLE} */
    public TableSelector {
        if (patterns == null || patterns.isEmpty()) {
            throw new IllegalArgumentException("--tables is empty. Fix: list the tables to replicate, e.g. --tables app.*,billing.invoices");
        }
        for (String pattern : patterns) {
            if (pattern.split("\\.", -1).length != 2) {
                throw new IllegalArgumentException("--tables entry '" + pattern + "' is not DATABASE.TABLE. Fix: write e.g. app.users or app.*");
            }
        }
        patterns = List.copyOf(patterns);
    }

    public static TableSelector parse(String commaSeparated) {
        return new TableSelector(commaSeparated == null ? List.of()
                : List.of(commaSeparated.split(",")).stream().map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    public boolean matches(TableId table) {
        String name = table.database() + "." + table.table();
        return patterns.stream().anyMatch(p -> toRegex(p).matcher(name).matches());
    }

    public List<String> databasePatterns() {
        return patterns.stream().map(p -> p.substring(0, p.indexOf('.'))).distinct().toList();
    }

    public static boolean isOwnTable(TableId table) {
        return OWN_TABLES.contains(table.table().toLowerCase(Locale.ROOT));
    }

    /** The source's base tables this selects, in name order, without lagzero's own; possibly none. */
    public List<TableId> select(Connection source) throws SQLException {
        List<TableId> tables = new ArrayList<>();
        String sql = "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE' "
                + "AND TABLE_SCHEMA NOT IN ('mysql', 'sys', 'information_schema', 'performance_schema') "
                + "ORDER BY TABLE_SCHEMA, TABLE_NAME";
        try (Statement s = source.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                TableId table = new TableId(rs.getString(1), rs.getString(2));
                if (matches(table) && !isOwnTable(table)) {
                    tables.add(table);
                }
            }
        }
        return tables;
    }

    private static Pattern toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }
}
