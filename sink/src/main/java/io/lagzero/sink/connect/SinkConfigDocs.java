package io.lagzero.sink.connect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;

/**
 * Writes the configuration reference, {@code docs/sink-config.md}, from {@link LagzeroSinkConfig#CONFIG_DEF}.
 * {@code SinkConfigDocsTest} fails when the file is stale and rewrites it when run with
 * {@code -Dsink.docs.write=true}.
 */
public final class SinkConfigDocs {
    public static final String PATH = "docs/sink-config.md";

    private SinkConfigDocs() {
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : PATH);
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.writeString(target, markdown(), StandardCharsets.UTF_8);
    }

    public static String markdown() {
        StringBuilder md = new StringBuilder("# lagzero sink connector configuration\n\n")
                .append("Generated from `LagzeroSinkConfig` by `SinkConfigDocs`; do not edit by hand.\n")
                .append("Connector class: `io.lagzero.sink.connect.LagzeroSinkConnector`.\n\n")
                .append("`lagzero run` takes the same keys: each as its own option, the key with dashes for dots ")
                .append("(`--ddl-policy ignore` for `ddl.policy=ignore`), as `--sink KEY=VALUE`, or in its `--config` ")
                .append("file spelt either way; the connection keys are its `--target`, `--target-user`, `--source`, ")
                .append("`--source-user` and the password variables.\n\n")
                .append("Records the target rejects for good (a value too long for its column, a missing table with ")
                .append("`schema.evolution=none`, an undecodable record) fail the task, unless Connect's ")
                .append("`errors.tolerance=all` (with `errors.deadletterqueue.topic.name`) routes them to a ")
                .append("dead-letter queue, in which case every other record of the batch is applied. ")
                .append("Transient failures (lost connection, deadlock, lock wait timeout, serialization failure, ")
                .append("too many connections, read-only target) are retried, see `max.retries`.\n");
        String group = null;
        for (ConfigKey key : sorted(LagzeroSinkConfig.CONFIG_DEF)) {
            if (!key.group.equals(group)) {
                group = key.group;
                md.append("\n## ").append(group).append("\n\n")
                        .append("| Key | Description | Type | Default | Valid values | Importance |\n")
                        .append("|---|---|---|---|---|---|\n");
            }
            md.append("| `").append(key.name).append("` | ").append(cell(key.documentation)).append(" | ")
                    .append(key.type.toString().toLowerCase()).append(" | ").append(defaultValue(key)).append(" | ")
                    .append(key.validator == null ? "" : cell(key.validator.toString())).append(" | ")
                    .append(key.importance.toString().toLowerCase()).append(" |\n");
        }
        return md.toString();
    }

    private static List<ConfigKey> sorted(ConfigDef def) {
        List<String> groups = def.groups();
        return def.configKeys().values().stream()
                .sorted(Comparator.<ConfigKey>comparingInt(k -> groups.indexOf(k.group)).thenComparingInt(k -> k.orderInGroup))
                .toList();
    }

    private static String defaultValue(ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        return key.defaultValue == null ? "(none)" : "`" + ConfigDef.convertToString(key.defaultValue, key.type) + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
