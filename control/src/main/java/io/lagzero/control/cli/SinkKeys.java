package io.lagzero.control.cli;

import static io.lagzero.sink.connect.LagzeroSinkConfig.BACKFILL_TABLES;
import static io.lagzero.sink.connect.LagzeroSinkConfig.COLUMN_MAPPING;
import static io.lagzero.sink.connect.LagzeroSinkConfig.CONNECTION_PASSWORD;
import static io.lagzero.sink.connect.LagzeroSinkConfig.CONNECTION_URL;
import static io.lagzero.sink.connect.LagzeroSinkConfig.CONNECTION_USERNAME;
import static io.lagzero.sink.connect.LagzeroSinkConfig.SOURCE_CONNECTION_PASSWORD;
import static io.lagzero.sink.connect.LagzeroSinkConfig.SOURCE_CONNECTION_URL;
import static io.lagzero.sink.connect.LagzeroSinkConfig.SOURCE_CONNECTION_USERNAME;

import io.lagzero.sink.connect.LagzeroSinkConfig;
import io.lagzero.sink.connect.SinkSettings;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;

/**
 * The sink plugin's configuration keys as {@code lagzero run} speaks them: one vocabulary. Each key
 * has one name on the command line and in {@code --config} files — the key with dashes for dots
 * ({@code ddl.policy} is {@code --ddl-policy}), except the connection keys, which are the endpoint
 * options every command shares ({@code connection.url} is {@code --target}). The settings are parsed
 * by the plugin's own {@link LagzeroSinkConfig}, so defaults, validation and cross-key rules are the
 * plugin's.
 */
public final class SinkKeys {
    /** The keys that {@link EndpointOptions} (and the password sources) give, by their run-side name. */
    private static final Map<String, String> ENDPOINT_NAMES = Map.of(
            CONNECTION_URL, "target",
            CONNECTION_USERNAME, "target-user",
            CONNECTION_PASSWORD, "target-password",
            SOURCE_CONNECTION_URL, "source",
            SOURCE_CONNECTION_USERNAME, "source-user",
            SOURCE_CONNECTION_PASSWORD, "source-password",
            COLUMN_MAPPING, "column-mapping");
    private static final List<String> LONGEST_FIRST = LagzeroSinkConfig.CONFIG_DEF.names().stream()
            .sorted(Comparator.comparingInt(String::length).reversed()).toList();

    private SinkKeys() {
    }

    /** The name of a sink key on lagzero's command line and in its --config files, without dashes. */
    public static String runName(String key) {
        return ENDPOINT_NAMES.getOrDefault(key, key.replace('.', '-'));
    }

    /**
     * Whether the key has its own option (else an endpoint option or a password source gives it, or,
     * for {@code backfill.tables}, {@code --tables} with {@code --initial-copy backfill}).
     */
    public static boolean hasOwnOption(String key) {
        return !ENDPOINT_NAMES.containsKey(key) && !key.equals(BACKFILL_TABLES);
    }

    /** The sink key a --config file key names, if it is one spelt as the plugin spells it. */
    public static String fromPluginSpelling(String name) {
        return LagzeroSinkConfig.CONFIG_DEF.names().contains(name) ? runName(name) : name;
    }

    /**
     * The sink's settings for a pipeline: the target and the source catalog from the endpoints,
     * every other key from {@code given} or the plugin's default.
     */
    public static SinkSettings settings(String targetUrl, String targetUser, String targetPassword, String sourceUrl,
            String sourceUser, String sourcePassword, Map<String, String> given) {
        Map<String, String> props = new HashMap<>(given);
        props.putIfAbsent(CONNECTION_URL, targetUrl);
        props.putIfAbsent(CONNECTION_USERNAME, targetUser);
        props.putIfAbsent(CONNECTION_PASSWORD, targetPassword);
        props.putIfAbsent(SOURCE_CONNECTION_URL, sourceUrl);
        props.putIfAbsent(SOURCE_CONNECTION_USERNAME, sourceUser);
        props.putIfAbsent(SOURCE_CONNECTION_PASSWORD, sourcePassword);
        props.values().removeIf(value -> value == null);
        try {
            return new LagzeroSinkConfig(props).settings();
        } catch (ConfigException e) {
            String message = inRunNames(e.getMessage());
            throw new UserError(message.contains("Fix:") ? message
                    : message + ". Fix: see lagzero run --help or docs/sink-config.md for the values it takes");
        }
    }

    /** A message of the plugin's, with each key named as lagzero run's user gives it. */
    public static String inRunNames(String message) {
        String text = message;
        for (String key : LONGEST_FIRST) {
            String name = hasOwnOption(key) || !runName(key).endsWith("password") ? "--" + runName(key) : runName(key);
            text = text.replaceAll("(?<![\\w.-])" + Pattern.quote(key) + "(?![\\w.-])", Matcher.quoteReplacement(name));
        }
        return text;
    }
}
