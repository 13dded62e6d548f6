package io.lagzero.connector;

import io.lagzero.sink.event.TableId;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code --tables} list: {@code db.table} entries, where {@code *} and {@code ?} are globs
 * ({@code app.*}, {@code app.page*}).
 */
public record TableSelector(List<String> patterns) {

    public TableSelector {
        if (patterns == null || patterns.isEmpty()) {
            throw new SetupException("--tables is empty. Fix: list the tables to replicate, e.g. --tables app.*,billing.invoices");
        }
        for (String pattern : patterns) {
            if (pattern.split("\\.", -1).length != 2) {
                throw new SetupException("--tables entry '" + pattern + "' is not DATABASE.TABLE. Fix: write e.g. app.users or app.*");
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
