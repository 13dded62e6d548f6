package io.lagzero.sink.connect;

import io.lagzero.sink.dialect.Dialects;
import io.lagzero.sink.mapping.ColumnMapping;
import io.lagzero.sink.naming.TableNameFormat;
import io.lagzero.sink.source.TableSelector;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Single-key validators whose messages name the key, the value's problem and the fix. */
final class Validators {
    private Validators() {
    }

    static ConfigDef.Validator jdbcUrl() {
        return describe("a JDBC URL: jdbc:mariadb://host:3306/db, jdbc:mysql://host:3306/db or "
                + "jdbc:postgresql://host:5432/db", (name, value) -> {
            if (value == null) {
                return; // ConfigDef reports a missing required key itself
            }
            String url = requireText(name, value);
            try {
                Dialects.forUrl(url).checkUrl(url);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name + ": " + e.getMessage().replaceFirst("^jdbcUrl ", ""));
            }
        });
    }

    static ConfigDef.Validator nonBlank() {
        return describe("non-empty string", (name, value) -> {
            if (value != null) {
                requireText(name, value);
            }
        });
    }

    /** Accepts only {@code supported}; a value from {@code later} is known but not supported yet. */
    static ConfigDef.Validator onlySupported(String supported, String... later) {
        Set<String> known = Set.of(later);
        return describe(supported, (name, value) -> {
            String text = value == null ? null : value.toString().trim().toLowerCase(Locale.ROOT);
            if (supported.equals(text)) {
                return;
            }
            String why = known.contains(text) ? "is not supported yet" : "is unknown";
            throw new ConfigException(name + " '" + value + "' " + why + ". Fix: set " + name + "=" + supported
                    + " (the only mode lagzero supports now) or remove it");
        });
    }

    static ConfigDef.Validator oneOf(String... values) {
        List<String> allowed = List.of(values);
        return describe(String.join(", ", allowed), (name, value) -> {
            if (value == null || !allowed.contains(value.toString().toLowerCase(Locale.ROOT))) {
                throw new ConfigException(name + " '" + value + "' is unknown. Fix: use one of " + allowed);
            }
        });
    }

    static ConfigDef.Validator tableNameFormat() {
        return describe("text with ${source.table}, ${source.db}, ${topic}", (name, value) -> {
            try {
                new TableNameFormat(requireText(name, value));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name + ": " + e.getMessage());
            }
        });
    }

    static ConfigDef.Validator columnMapping() {
        return describe("'<db>.<table>.<column> <action> [<action> ...]' rules separated by ';', actions "
                + "rename:<name>, exclude, hex_to_binary, type:<SQL type>", (name, value) -> {
            try {
                ColumnMapping.parse(value == null ? null : value.toString());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage());
            }
        });
    }

    /** Empty, or {@code db.table} entries with globs, as {@link TableSelector} takes them. */
    static ConfigDef.Validator tableSelection() {
        return describe("empty, or 'db.table' entries separated by ',', * and ? as globs", (name, value) -> {
            String text = value == null ? "" : value.toString();
            for (String entry : text.split(",")) {
                if (!entry.isBlank() && entry.trim().split("\\.", -1).length != 2) {
                    throw new ConfigException(name + " entry '" + entry.trim() + "' is not DATABASE.TABLE. Fix: write "
                            + "e.g. app.users or app.*");
                }
            }
        });
    }

    private static String requireText(String name, Object value) {
        if (value == null || value.toString().isBlank()) {
            throw new ConfigException(name + " is empty. Fix: set " + name);
        }
        return value.toString();
    }

    private interface Check {
        void check(String name, Object value);
    }

    private static ConfigDef.Validator describe(String validValues, Check check) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                check.check(name, value);
            }

            @Override
            public String toString() {
                return validValues;
            }
        };
    }
}
