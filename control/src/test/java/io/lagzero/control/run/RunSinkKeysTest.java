package io.lagzero.control.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lagzero.control.Lagzero;
import io.lagzero.control.cli.SinkKeys;
import io.lagzero.control.cli.UserError;
import io.lagzero.sink.connect.LagzeroSinkConfig;
import io.lagzero.sink.connect.SinkSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every key of the sink plugin's ConfigDef works through {@code lagzero run} as it does through
 * Kafka Connect: given as its own option, as {@code --sink KEY=VALUE} and in a --config file with the
 * plugin's spelling, run ends up with exactly the settings the plugin parses from the same key.
 */
class RunSinkKeysTest {
    private static final String SOURCE = "jdbc:mariadb://db1:3306/app";
    private static final String TARGET = "jdbc:postgresql://db2:5432/app";

    /** A valid value for each key, not its default where it has another. */
    private static final Map<String, String> EXAMPLES = new LinkedHashMap<>();

    static {
        EXAMPLES.put("connection.url", "jdbc:mariadb://db3:3306/other");
        EXAMPLES.put("connection.username", "writer");
        EXAMPLES.put("connection.password", "target-pw");
        EXAMPLES.put("connection.pool.size", "5");
        EXAMPLES.put("insert.mode", "upsert");
        EXAMPLES.put("primary.key.mode", "record_key");
        EXAMPLES.put("delete.enabled", "false");
        EXAMPLES.put("batch.size", "100");
        EXAMPLES.put("schema.evolution", "none");
        EXAMPLES.put("collection.name.format", "stage_${source.table}");
        EXAMPLES.put("column.mapping", "app.items.note exclude");
        EXAMPLES.put("ddl.policy", "ignore");
        EXAMPLES.put("nul.handling", "strip");
        EXAMPLES.put("secondary.indexes", "none");
        EXAMPLES.put("source.connection.url", "jdbc:mariadb://replica:3306/app");
        EXAMPLES.put("source.connection.username", "catalog");
        EXAMPLES.put("source.connection.password", "catalog-pw");
        EXAMPLES.put("max.retries", "3");
        EXAMPLES.put("retry.backoff.ms", "250");
        EXAMPLES.put("backfill.parallelism", "2");
        EXAMPLES.put("backfill.chunk.rows", "1000");
        EXAMPLES.put("backfill.max.rows.per.sec", "500");
        EXAMPLES.put("backfill.max.threads.running", "10");
    }

    @TempDir
    Path dir;

    @Test
    void theExamplesCoverEveryKeyOfThePluginButTheTablesToBackfill() {
        assertThat(EXAMPLES.keySet()).containsExactlyInAnyOrderElementsOf(LagzeroSinkConfig.CONFIG_DEF.names().stream()
                .filter(key -> !key.equals(LagzeroSinkConfig.BACKFILL_TABLES)).toList());
    }

    @Test
    void runBackfillsItsTablesAndRefusesBackfillTables() {
        List<String> args = baseArgsWithout();
        args.addAll(List.of("--sink", "backfill.tables=app.items"));
        assertThatThrownBy(() -> run(args, null)).isInstanceOf(UserError.class)
                .hasMessageContaining("lagzero run backfills the tables of --tables");
        assertThat(run(baseArgsWithout(), null).backfill()).as("the default initial copy").isPresent();
        List<String> backfillKeys = baseArgsWithout();
        backfillKeys.addAll(List.of("--backfill-parallelism", "2", "--backfill-chunk-rows", "1000"));
        assertThat(run(backfillKeys, null).backfill()).hasValueSatisfying(settings -> {
            assertThat(settings.parallelism()).isEqualTo(2);
            assertThat(settings.chunkRows()).isEqualTo(1000);
        });
        List<String> snapshot = baseArgsWithout();
        snapshot.addAll(List.of("--initial-copy", "snapshot"));
        assertThat(run(snapshot, null).backfill()).isEmpty();
    }

    @Test
    void everyKeyGivenAsItsOwnOptionMeansWhatItMeansToThePlugin() {
        EXAMPLES.forEach((key, value) -> {
            if (LagzeroSinkConfig.CONFIG_DEF.configKeys().get(key).type != ConfigDef.Type.PASSWORD) {
                List<String> args = baseArgsWithout(SinkKeys.runName(key));
                args.addAll(List.of("--" + SinkKeys.runName(key), value));
                assertSameAsThePlugin(key, value, run(args, null));
            }
        });
    }

    @Test
    void everyKeyGivenWithSinkMeansWhatItMeansToThePlugin() {
        EXAMPLES.forEach((key, value) -> {
            if (LagzeroSinkConfig.CONFIG_DEF.configKeys().get(key).type == ConfigDef.Type.PASSWORD) {
                assertThatThrownBy(() -> run(List.of("run", "--sink", key + "=" + value), null))
                        .as(key).isInstanceOf(UserError.class).hasMessageContaining("never taken from the command line")
                        .hasMessageNotContaining(value);
            } else {
                List<String> args = key.startsWith("connection.") ? baseArgsWithout(SinkKeys.runName(key)) : baseArgsWithout();
                args.addAll(List.of("--sink", key + "=" + value));
                assertSameAsThePlugin(key, value, run(args, null));
            }
        });
    }

    @Test
    void everyKeySpeltAsThePluginSpellsItWorksInAConfigFile() throws IOException {
        for (Map.Entry<String, String> example : EXAMPLES.entrySet()) {
            String key = example.getKey();
            Path file = Files.writeString(dir.resolve(key + ".properties"), key + "=" + example.getValue() + "\n");
            List<String> args = baseArgsWithout(SinkKeys.runName(key));
            args.addAll(List.of("--config", file.toString()));
            assertSameAsThePlugin(key, example.getValue(), run(args, file));
        }
    }

    @Test
    void aKeyGivenTwiceOrAnUnknownOneIsOneLineWithTheFix() {
        List<String> twice = baseArgsWithout();
        twice.addAll(List.of("--ddl-policy", "ignore", "--sink", "ddl.policy=stop"));
        assertThatThrownBy(() -> run(twice, null)).isInstanceOf(UserError.class).hasMessageContaining("given twice");

        List<String> unknown = baseArgsWithout();
        unknown.addAll(List.of("--sink", "ddl.polcy=stop"));
        assertThatThrownBy(() -> run(unknown, null)).isInstanceOf(UserError.class).hasMessageContaining("Fix:");

        List<String> disagree = baseArgsWithout();
        disagree.addAll(List.of("--sink", "connection.url=" + EXAMPLES.get("connection.url")));
        assertThatThrownBy(() -> run(disagree, null)).isInstanceOf(UserError.class).hasMessageContaining("disagree");
    }

    @Test
    void thePluginsMessagesNameRunsOptions() {
        List<String> args = baseArgsWithout();
        args.addAll(List.of("--ddl-policy", "exec"));
        assertThatThrownBy(() -> run(args, null)).isInstanceOf(UserError.class)
                .hasMessage("--ddl-policy 'exec' is unknown. Fix: use one of [stop, ignore]");
    }

    @Test
    void runsHelpShowsThePluginsTextAndDefault() {
        CommandLine.Model.OptionSpec option = Lagzero.commandLine().getSubcommands().get("run").getCommandSpec()
                .findOption("--secondary-indexes");
        assertThat(String.join(" ", option.description())).startsWith(LagzeroSinkConfig.SECONDARY_INDEXES_DOC)
                .endsWith("Default: " + LagzeroSinkConfig.SECONDARY_INDEXES_DEFAULT + ".");
        assertThat(Lagzero.commandLine().getSubcommands().get("run").getUsageMessage().replaceAll("\\s+", ""))
                .as("placeholders are shown, not filled in").contains("'stage_${source.table}'").doesNotContain("null");
    }

    /** The plugin's settings from the same endpoints plus this one key. */
    private static void assertSameAsThePlugin(String key, String value, PipelineConfig run) {
        Map<String, String> props = new HashMap<>(Map.of("connection.url", TARGET, "connection.username", "tgt",
                "connection.password", "", "source.connection.url", SOURCE, "source.connection.username", "src",
                "source.connection.password", ""));
        props.put(key, value);
        SinkSettings plugin = new LagzeroSinkConfig(props).settings();
        assertThat(run.sink().toString()).as(key).isEqualTo(plugin.toString());
        assertThat(run.sink().target().password()).as(key).isEqualTo(plugin.target().password());
        assertThat(run.sink().target().sourceCatalog()).as(key).hasToString(plugin.target().sourceCatalog().toString());
    }

    private static List<String> baseArgsWithout(String... names) {
        Map<String, String> base = new LinkedHashMap<>();
        base.put("source", SOURCE);
        base.put("source-user", "src");
        base.put("target", TARGET);
        base.put("target-user", "tgt");
        base.put("tables", "app.*");
        for (String name : names) {
            base.remove(name);
        }
        List<String> args = new ArrayList<>(List.of("run"));
        base.forEach((name, value) -> args.addAll(List.of("--" + name, value)));
        return args;
    }

    private static PipelineConfig run(List<String> args, Path configFile) {
        String[] array = args.toArray(String[]::new);
        CommandLine cli = Lagzero.commandLine(array);
        CommandLine.ParseResult parsed = cli.parseArgs(array);
        RunCommand run = (RunCommand) parsed.subcommand().commandSpec().userObject();
        return run.pipelineConfig();
    }
}
