package io.lagzero.control.cli;

import io.lagzero.connector.JdbcEndpoint;
import io.lagzero.sink.connect.LagzeroSinkConfig;
import io.lagzero.sink.mapping.ColumnMapping;
import io.lagzero.sink.source.TableSelector;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options of every command that talks to both databases ({@code run}, {@code verify}):
 * source, target, their users, the tables and the column mapping, and the {@code --config} file
 * they may come from. Passwords come from LAGZERO_SOURCE_PASSWORD / LAGZERO_TARGET_PASSWORD or
 * the file, never from the command line.
 */
public final class EndpointOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with any of these options (keys without dashes).")
    Path config;

    @Option(names = "--source", paramLabel = "JDBC_URL", description = "Source MySQL/MariaDB, e.g. jdbc:mariadb://db1:3306/app")
    String source;

    @Option(names = "--source-user", paramLabel = "USER", description = "Source user, with the grants README.md lists (run: SELECT, RELOAD, SHOW DATABASES, "
            + "REPLICATION SLAVE, REPLICATION CLIENT on *.*; cutover also READ_ONLY ADMIN).")
    String sourceUser;

    @Option(names = "--target", paramLabel = "JDBC_URL", description = "Target, e.g. jdbc:postgresql://db2:5432/app or jdbc:mariadb://db2:3306/app")
    String target;

    @Option(names = "--target-user", paramLabel = "USER", description = "Target user.")
    String targetUser;

    @Option(names = "--tables", paramLabel = "DB.TABLE,...", description = "Tables; * and ? are wildcards, e.g. app.*")
    String tables;

    @Option(names = "--column-mapping", paramLabel = "RULES",
            description = "Per-column rules, ';'-separated: DB.TABLE.COLUMN rename:NAME | exclude | hex_to_binary | type:SQL_TYPE, "
                    + "e.g. 'shop.pageviews.user_sig rename:user_signature hex_to_binary'.")
    String columnMapping;

    private ConfigFile configFile = ConfigFile.none();

    public void useConfigFile(ConfigFile file) {
        this.configFile = file;
    }

    public String sourceUrl() {
        JdbcEndpoint.parseSource(required(source, "--source", "the source JDBC URL, e.g. --source jdbc:mariadb://db1:3306/app"));
        return source;
    }

    public String sourceUser() {
        return required(sourceUser, "--source-user", "the source user, e.g. --source-user lagzero");
    }

    public String sourcePassword() {
        return configFile.password("LAGZERO_SOURCE_PASSWORD", "source-password");
    }

    public String targetUrl() {
        JdbcEndpoint.parse("--target", required(target, "--target", "the target JDBC URL, e.g. --target jdbc:postgresql://db2:5432/app"));
        return target;
    }

    public String targetUser() {
        return required(targetUser, "--target-user", "the target user, e.g. --target-user lagzero");
    }

    /** --target, or the sink key connection.url given instead; both given must agree. */
    public String targetUrlOr(String connectionUrl) {
        return connectionUrl == null ? targetUrl() : same("--target", target, LagzeroSinkConfig.CONNECTION_URL, connectionUrl);
    }

    /** --target-user, or the sink key connection.username given instead; both given must agree. */
    public String targetUserOr(String connectionUsername) {
        return connectionUsername == null ? targetUser()
                : same("--target-user", targetUser, LagzeroSinkConfig.CONNECTION_USERNAME, connectionUsername);
    }

    private static String same(String option, String optionValue, String key, String keyValue) {
        if (optionValue != null && !optionValue.equals(keyValue)) {
            throw new UserError(option + " and the sink key " + key + " disagree. Fix: give one of them");
        }
        return keyValue;
    }

    public String targetPassword() {
        return configFile.password("LAGZERO_TARGET_PASSWORD", "target-password");
    }

    public TableSelector tables() {
        try {
            return TableSelector.parse(tables);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /** Parses {@code --column-mapping}; a bad rule stops the command with the parser's message. */
    public ColumnMapping columnMapping() {
        try {
            return columnMapping == null ? ColumnMapping.EMPTY : ColumnMapping.parse(columnMapping);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage().replace(ColumnMapping.CONFIG_KEY, "--column-mapping"), e);
        }
    }

    /** {@code --column-mapping} as given, for the sink to parse. */
    public Optional<String> columnMappingRules() {
        return Optional.ofNullable(columnMapping);
    }

    private static String required(String value, String option, String what) {
        if (value == null || value.isBlank()) {
            throw new UserError(option + " is missing. Fix: give " + what + " (or set it in --config).");
        }
        return value;
    }
}
