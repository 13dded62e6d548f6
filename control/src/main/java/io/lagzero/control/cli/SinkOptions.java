package io.lagzero.control.cli;

import io.lagzero.sink.connect.LagzeroSinkConfig;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code lagzero run}'s sink options, made from the sink plugin's {@link ConfigDef}: one option per
 * key ({@code --ddl-policy} for {@code ddl.policy}) with the plugin's own description and default,
 * so the two never drift. Options left out keep the plugin's default.
 */
public final class SinkOptions implements CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
        for (ConfigKey key : LagzeroSinkConfig.CONFIG_DEF.configKeys().values()) {
            if (SinkKeys.hasOwnOption(key.name)) {
                // picocli would read ${source.table} in a description as a variable to fill in.
                String description = (key.documentation + " Default: " + defaultText(key) + ".").replace("${", "$${");
                spec.addOption(OptionSpec.builder("--" + SinkKeys.runName(key.name)).type(String.class)
                        .paramLabel(paramLabel(key.type)).description(description).build());
            }
        }
        return spec;
    }

    private static String paramLabel(ConfigDef.Type type) {
        return switch (type) {
            case BOOLEAN -> "true|false";
            case INT, LONG, SHORT -> "N";
            default -> "VALUE";
        };
    }

    private static String defaultText(ConfigKey key) {
        Object value = key.defaultValue;
        String text = value == null ? "" : ConfigDef.convertToString(value, key.type);
        return text.isEmpty() ? "none" : text;
    }

    /**
     * The sink keys given on the command line, through the options above or {@code --sink KEY=VALUE};
     * a key given both ways is an error, and so is a password on the command line.
     */
    public static Map<String, String> given(CommandSpec spec, Map<String, String> sinkPairs) {
        Map<String, String> given = new HashMap<>();
        for (ConfigKey key : LagzeroSinkConfig.CONFIG_DEF.configKeys().values()) {
            if (SinkKeys.hasOwnOption(key.name)) {
                String value = spec.findOption("--" + SinkKeys.runName(key.name)).getValue();
                if (value != null) {
                    given.put(key.name, value);
                }
            }
        }
        for (Map.Entry<String, String> pair : sinkPairs.entrySet()) {
            String key = pair.getKey();
            ConfigKey known = LagzeroSinkConfig.CONFIG_DEF.configKeys().get(key);
            if (known == null) {
                throw new UserError("--sink " + key + ": not a key of the sink. Fix: use a key of docs/sink-config.md");
            }
            if (key.equals(LagzeroSinkConfig.BACKFILL_TABLES)) {
                throw new UserError("--sink " + key + ": lagzero run backfills the tables of --tables. Fix: leave it out; "
                        + "--initial-copy backfill (the default) copies them");
            }
            if (known.type == ConfigDef.Type.PASSWORD) {
                String variable = "LAGZERO_" + SinkKeys.runName(key).replace('-', '_').toUpperCase(Locale.ROOT);
                throw new UserError("--sink " + key + ": passwords are never taken from the command line, where "
                        + "other users see them (ps, shell history). Fix: export " + variable + "=… or put "
                        + SinkKeys.runName(key) + "=… in the --config file");
            }
            if (given.containsKey(key)) {
                throw new UserError("--sink " + key + " and --" + SinkKeys.runName(key) + " are the same setting, "
                        + "given twice. Fix: give one of them");
            }
            given.put(key, pair.getValue());
        }
        return given;
    }
}
